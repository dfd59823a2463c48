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

/** Rules of DESIGN.md checked on the source tree. */
class ArchitectureTest {
    static List<Path> mainSources() throws Exception {
        Path root = Fixtures.projectRoot();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/")).toList();
        }
    }

    @Test
    void onlyTheProcessRunnerStartsProcesses() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Path p : mainSources()) {
            String text = Files.readString(p);
            if ((text.contains("new ProcessBuilder(") || text.contains("Runtime.getRuntime().exec(")) 
                    && !p.getFileName().toString().equals("JdkProcessRunner.java")) {
                offenders.add(p.toString());
            }
        }
        assertEquals(List.of(), offenders);
    }

    /** The io.daylily.ec artifacts a module's pom depends on (test-scoped ones marked {@code :test}). */
    static List<String> daylilyDependencies(Path pom) throws Exception {
        Pattern dep = Pattern.compile("<dependency>(?:(?!</dependency>).)*?<artifactId>(daylily-ec-[^<]+)</artifactId>"
                + "((?:(?!</dependency>).)*)</dependency>", Pattern.DOTALL);
        String text = Files.readString(pom);
        String deps = text.substring(text.indexOf("<dependencies>"), text.indexOf("</dependencies>"));
        List<String> out = new ArrayList<>();
        Matcher m = dep.matcher(deps);
        while (m.find()) {
            out.add(m.group(1) + (m.group(0).contains("<scope>test</scope>") ? ":test" : ""));
        }
        return out;
    }

    @Test
    void theApiDependsOnNoOtherModuleAndNoAwsSdk() throws Exception {
        Path root = Fixtures.projectRoot();
        String pom = Files.readString(root.resolve("api/pom.xml"));
        assertEquals(List.of(), daylilyDependencies(root.resolve("api/pom.xml")));
        assertFalse(pom.contains("software.amazon.awssdk"), "api/pom.xml must not depend on the AWS SDK");
        List<String> offenders = new ArrayList<>();
        for (Path p : mainSources()) {
            if (p.startsWith(root.resolve("api")) && Files.readString(p).contains("import software.amazon.")) {
                offenders.add(root.relativize(p).toString());
            }
        }
        assertEquals(List.of(), offenders, "api sources importing the AWS SDK");
    }

    @Test
    void theApiHoldsNoRuntimeMachinery() throws Exception {
        Path root = Fixtures.projectRoot();
        List<String> offenders = new ArrayList<>();
        for (Path p : mainSources()) {
            String text = Files.readString(p);
            if (p.startsWith(root.resolve("api")) && (text.contains("java.util.concurrent") || text.contains("new Thread("))) {
                offenders.add(root.relativize(p).toString());
            }
        }
        assertEquals(List.of(), offenders, "threads and futures belong to the runtime or the support module (SharedLookups)");
    }

    @Test
    void theSupportModuleDependsOnTheApiOnly() throws Exception {
        assertEquals(List.of("daylily-ec-api", "daylily-ec-api:test"),
                daylilyDependencies(Fixtures.projectRoot().resolve("support/pom.xml")));
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

    @Test
    void stepsModulesDependOnTheApiAndSupportOnly() throws Exception {
        Pattern dep = Pattern.compile("<groupId>io\\.daylily\\.ec</groupId>\\s*<artifactId>([^<]+)</artifactId>");
        List<String> wrong = new ArrayList<>();
        Path root = Fixtures.projectRoot();
        List<Path> poms = new ArrayList<>();
        for (String m : List.of("steps-config", "steps-preflight", "steps-infra", "steps-pcluster", "steps-post",
                "plugins/image-bake", "plugins/notify-webhook")) {
            poms.add(root.resolve(m).resolve("pom.xml"));
        }
        for (Path pom : poms) {
            String text = Files.readString(pom);
            String deps = text.substring(text.indexOf("<dependencies>"), text.indexOf("</dependencies>"));
            Matcher m = dep.matcher(deps);
            while (m.find()) {
                String a = m.group(1);
                boolean allowed = a.equals("daylily-ec-api") || a.equals("daylily-ec-support") || (pom.toString().contains("plugins") && a.equals("daylily-ec-app")
                        && deps.substring(m.end(), Math.min(deps.length(), m.end() + 200)).contains("<scope>test</scope>"));
                if (!allowed) {
                    wrong.add(root.relativize(pom) + " -> " + a);
                }
            }
        }
        assertEquals(List.of(), wrong);
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

    /** One wait loop (support's Poller) and one reading of the DAYLILY_* numbers (support's Settings). */
    @Test
    void waitsGoThroughThePollerAndNumbersThroughSettings() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Path p : mainSources()) {
            String text = Files.readString(p);
            String file = p.getFileName().toString();
            if (text.contains("clock().sleep(") && !file.equals("Poller.java")) {
                offenders.add(file + ": sleeps outside the Poller");
            }
            if (text.matches("(?s).*Long\\.parseLong\\((s\\.)?env.*")) {
                offenders.add(file + ": parses a setting by hand");
            }
        }
        assertEquals(List.of(), offenders);
    }

    /** Pages are read with the SDK's paginators, not hand-written token loops. */
    @Test
    void noHandWrittenPaginationLoops() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Path p : mainSources()) {
            String text = Files.readString(p);
            if (text.contains(".nextToken(") || text.contains(".marker(")) {
                offenders.add(p.getFileName().toString());
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void noStepBuildsItsOwnAwsClient() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Path p : mainSources()) {
            if (p.toString().contains("/steps-") || p.toString().contains("/plugins/")) {
                String text = Files.readString(p);
                if (text.matches("(?s).*\\b[A-Z][A-Za-z0-9]*Client\\.builder\\(\\).*") || text.contains("Client.create(")) {
                    offenders.add(p.toString());
                }
            }
        }
        assertEquals(List.of(), offenders);
    }
}
