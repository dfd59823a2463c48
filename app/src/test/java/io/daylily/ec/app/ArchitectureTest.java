package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.daylily.ec.api.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of DESIGN.md that are about the source text: a config key or a pcluster subcommand spelt as a
 * string, the length of a file, the build file of the api. Dependencies and calls are checked on the class
 * files by {@link ArchitectureRulesTest} (ArchUnit).
 */
class ArchitectureTest {
    @Test
    void theApiBuildsWithoutTheAwsSdk() throws Exception {
        String pom = Files.readString(Fixtures.projectRoot().resolve("api/pom.xml"));
        assertFalse(pom.contains("software.amazon.awssdk"), "api/pom.xml must not depend on the AWS SDK");
        String deps = pom.substring(pom.indexOf("<dependencies>"), pom.indexOf("</dependencies>"));
        assertFalse(deps.contains("<artifactId>daylily-ec-"), "api/pom.xml depends on no other module");
    }

    static List<Path> mainSources() throws Exception {
        Path root = Fixtures.projectRoot();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/")).toList();
        }
    }

    /**
     * The facts one phase settles for another travel as records (api.facts under ContextKeys): after the
     * config phase, no step reads the network, bucket, key pair or heartbeat back out of the config values.
     */
    @Test
    void phaseFactsAreReadFromTheirRecords() throws Exception {
        Path root = Fixtures.projectRoot();
        java.util.regex.Pattern read = java.util.regex.Pattern.compile("(getOrEmpty|get|value)\\((ctx, )?ConfigKeys\\.(PUBLIC_SUBNET_ID"
                + "|PRIVATE_SUBNET_ID|S3_BUCKET_NAME|SSH_KEY_NAME|HEARTBEAT_EMAIL|HEARTBEAT_SCHEDULE|HEARTBEAT_SCHEDULER_ROLE_ARN)\\)");
        List<String> offenders = new ArrayList<>();
        for (Path p : mainSources()) {
            if (!p.startsWith(root.resolve("steps-config")) && read.matcher(Files.readString(p)).find()) {
                offenders.add(root.relativize(p).toString());
            }
        }
        assertEquals(List.of(), offenders, "read ContextKeys.NETWORK, REFERENCE_BUCKET, KEY_PAIR or HEARTBEAT instead");
    }

    /**
     * No config value is read by a string literal outside the key catalogue: {@code ConfigValues} and
     * {@code ConfigSnapshot} take typed keys, and the by-name views are for code that walks a file's entries.
     */
    @Test
    void noConfigValueIsReadByStringLiteral() throws Exception {
        Pattern literalRead = Pattern.compile("(\\.named|values\\(\\)\\.get|\\.autoValue|\\.triplet|\\.effectiveDefault"
                + "|\\.resolveValue)\\(\"");
        List<String> offenders = new ArrayList<>();
        for (Path p : mainSources()) {
            Matcher m = literalRead.matcher(Files.readString(p));
            if (m.find() && !p.getFileName().toString().equals("ConfigKeys.java")) {
                offenders.add(p.getFileName() + ": " + m.group());
            }
        }
        assertEquals(List.of(), offenders);
    }

    /** One class starts pcluster: its subcommands are spelt nowhere else. */
    @Test
    void onlyThePclusterClientKnowsPclustersCommands() throws Exception {
        Pattern command = Pattern.compile("\"(create-cluster|describe-cluster|delete-cluster|build-image|describe-image"
                + "|update-cluster|list-clusters)\"");
        List<String> offenders = new ArrayList<>();
        for (Path p : mainSources()) {
            Matcher m = command.matcher(Files.readString(p));
            if (m.find() && !p.getFileName().toString().equals("PclusterClient.java")) {
                offenders.add(p.getFileName() + ": " + m.group());
            }
        }
        assertEquals(List.of(), offenders);
    }

    /** One command per class and small classes: no main source file is longer than 400 lines. */
    @Test
    void noMainClassIsLongerThanFourHundredLines() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Path p : mainSources()) {
            long lines = Files.readAllLines(p).size();
            if (lines > 400) {
                offenders.add(p.getFileName() + ": " + lines);
            }
        }
        assertEquals(List.of(), offenders);
    }

    /** One reading of the DAYLILY_* numbers (support's Settings); the one wait loop is an ArchUnit rule. */
    @Test
    void numbersAreReadThroughSettings() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Path p : mainSources()) {
            String text = Files.readString(p);
            String file = p.getFileName().toString();
            if (text.matches("(?s).*Long\\.parseLong\\((s\\.)?env.*")) {
                offenders.add(file + ": parses a setting by hand");
            }
        }
        assertEquals(List.of(), offenders);
    }
}
