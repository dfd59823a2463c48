package io.daylily.ec.api.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates test fixtures from any module's tests.
 *
 * <p>The upstream Daylily fixtures are not part of the repository: tests that compare with them run
 * only where they are present, and are skipped (a JUnit assumption naming what is missing) on a
 * fresh clone. They are looked up in this order: the system property
 * {@value #UPSTREAM_VARIABLE}, the environment variable of the same name, then
 * {@code ../shared/fixtures/upstream} beside the checkout. {@code .ci/run} sets the variable and
 * fails when the directory is missing, so CI runs every comparison.
 */
public final class Fixtures {
    /** The system property / environment variable naming the upstream fixtures directory. */
    public static final String UPSTREAM_VARIABLE = "DAYLILY_UPSTREAM_FIXTURES";

    private Fixtures() {
    }

    /**
     * The upstream fixtures directory; when it is absent the calling test is skipped (not failed),
     * with a message saying what is missing and how to provide it.
     */
    public static Path upstream() {
        Optional<Path> found = findUpstream(System.getProperty(UPSTREAM_VARIABLE), System.getenv(UPSTREAM_VARIABLE),
                projectRoot());
        Assumptions.assumeTrue(found.isPresent(), () -> missingMessage(System.getProperty(UPSTREAM_VARIABLE),
                System.getenv(UPSTREAM_VARIABLE), projectRoot()));
        return found.orElseThrow();
    }

    /** The lookup itself, for tests of the rule: property, then environment, then beside the checkout. */
    static Optional<Path> findUpstream(String property, String environment, Path projectRoot) {
        for (String named : new String[] {property, environment}) {
            if (named != null && !named.isBlank()) {
                Path p = Path.of(named);
                return Files.isDirectory(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
            }
        }
        Path beside = besideTheCheckout(projectRoot);
        return Files.isDirectory(beside) ? Optional.of(beside) : Optional.empty();
    }

    static String missingMessage(String property, String environment, Path projectRoot) {
        String named = property != null && !property.isBlank() ? property
                : environment != null && !environment.isBlank() ? environment : null;
        if (named != null) {
            return "upstream Daylily fixtures not found: " + UPSTREAM_VARIABLE + "=" + named + " is not a directory";
        }
        return "upstream Daylily fixtures not found: neither " + UPSTREAM_VARIABLE + " is set nor "
                + besideTheCheckout(projectRoot) + " exists (comparison with upstream skipped; .ci/run requires them)";
    }

    private static Path besideTheCheckout(Path projectRoot) {
        Path parent = projectRoot.getParent();
        return (parent == null ? projectRoot : parent).resolve("shared/fixtures/upstream").normalize();
    }

    /** The project root (the directory with {@code config/} and the module directories). */
    public static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("config/daylily_ephemeral_cluster_template.yaml"))
                    && Files.isDirectory(p.resolve("api"))) {
                return p;
            }
        }
        throw new IllegalStateException("project root not found");
    }
}
