package io.daylily.ec.app;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.properties.HasParameterTypes.Predicates.rawParameterTypes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.daylily.ec.api.Clock;
import io.daylily.ec.api.ResourceStep;
import io.daylily.ec.api.Step;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;

/**
 * The architecture's rules on the class files of every module (issue #28: ArchUnit, not regular expressions over
 * the sources). The rules that are about the text itself — a pcluster subcommand or a config key spelt as a string,
 * the length of a file — stay in {@link ArchitectureTest}.
 */
class ArchitectureRulesTest {
    private static JavaClasses main;

    /** The project's own main classes: not test classes, not the test-jars the modules share. */
    @BeforeAll
    static void importMainClasses() {
        ImportOption mainOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
        main = new ClassFileImporter().withImportOption(mainOnly).importPackages("io.daylily.ec");
    }

    @Test
    void theApiDependsOnTheJdkAndJacksonOnly() {
        classes().that().resideInAPackage("io.daylily.ec.api..").and().resideOutsideOfPackage("io.daylily.ec.api.testing..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..", "io.daylily.ec.api..")
                .because("the SPI carries no AWS SDK and no runtime").check(main);
    }

    @Test
    void theApiHoldsNoThreads() {
        noClasses().that().resideInAPackage("io.daylily.ec.api..").and().resideOutsideOfPackage("io.daylily.ec.api.testing..")
                .should().dependOnClassesThat().resideInAPackage("java.util.concurrent..")
                .orShould().callConstructorWhere(target(owner(assignableTo(Thread.class))))
                .because("threads and futures belong to the runtime or the support module (SharedLookups)").check(main);
    }

    @Test
    void theSupportModuleKnowsNoStepRuntimeOrPlugin() {
        noClasses().that().resideInAPackage("io.daylily.ec.support..")
                .should().dependOnClassesThat().resideInAnyPackage("io.daylily.ec.steps..", "io.daylily.ec.app..", "io.daylily.ec.plugins..")
                .check(main);
    }

    @Test
    void noStepsModuleDependsOnAnotherOrOnTheRuntime() {
        slices().matching("io.daylily.ec.steps.(*)..").should().notDependOnEachOther()
                .because("values travel in the RunContext under keys declared in the api").check(main);
        noClasses().that().resideInAnyPackage("io.daylily.ec.steps..", "io.daylily.ec.plugins..")
                .should().dependOnClassesThat().resideInAPackage("io.daylily.ec.app..").check(main);
    }

    @Test
    void onlyTheProcessRunnerStartsProcesses() {
        noClasses().that().haveNameNotMatching("io\\.daylily\\.ec\\.app\\.adapters\\.JdkProcessRunner.*")
                .should().accessClassesThat().belongToAnyOf(ProcessBuilder.class)
                .orShould().callMethodWhere(target(owner(type(Runtime.class))).and(target(name("exec"))))
                .check(main);
    }

    @Test
    void noStepBuildsItsOwnAwsClient() {
        noClasses().that().resideInAnyPackage("io.daylily.ec.steps..", "io.daylily.ec.plugins..")
                .should().callMethodWhere(target(owner(assignableTo(SdkClient.class))).and(target(nameMatching("builder|create"))))
                .because("clients come from StepServices.aws(), configured once for the run").check(main);
    }

    @Test
    void onlyThePollerWaits() {
        // RunIds steps into the next second when a run id is taken: a pause, not a wait for AWS
        noClasses().that().doNotHaveFullyQualifiedName("io.daylily.ec.support.Poller")
                .and().doNotHaveFullyQualifiedName("io.daylily.ec.app.RunIds")
                .should().callMethod(Clock.class, "sleep", Duration.class)
                .because("one wait loop: interval, timeout and unreadable looks in one place").check(main);
    }

    @Test
    void pagesAreReadWithTheSdksPaginators() {
        noClasses().should().callMethodWhere(target(nameMatching("nextToken|marker|continuationToken"))
                        .and(target(rawParameterTypes(String.class))))
                .because("a hand-written token loop is what the SDK's paginators replace").check(main);
    }

    @Test
    void noPlanTwinRemainsAndAStepThatWritesIsAResourceStepOrSaysSo() {
        noClasses().should().haveSimpleNameEndingWith("PlanStep")
                .because("a plan runs the create's own resource steps (inspect + describe), not copies").check(main);
        classes().that().implement(ResourceStep.class).should().haveSimpleNameEndingWith("Step").check(main);
        classes().that().implement(Step.class).should().bePublic().orShould().haveSimpleName("PlanCheck")
                .because("steps are found by ServiceLoader").check(main);
    }

    @Test
    void noStepWritesAConfigValueAfterTheConfigPhase() {
        // the records (bucket, key pair, network, cluster policy, heartbeat) are the one home of what later phases
        // settle; config.artifacts projects them onto the values for the files the next run reads. spot-market's
        // own pipeline has no config.values step: it settles the few values it reads itself, and keeps them local.
        noClasses().that().resideOutsideOfPackages("io.daylily.ec.steps.config..", "io.daylily.ec.api..")
                .and().doNotHaveFullyQualifiedName("io.daylily.ec.steps.pcluster.SpotMarketStep")
                .should().callMethod(io.daylily.ec.api.config.ConfigValues.class, "with", io.daylily.ec.api.config.ConfigKey.class,
                        String.class)
                .because("issue #28: one home per fact").check(main);
    }
}
