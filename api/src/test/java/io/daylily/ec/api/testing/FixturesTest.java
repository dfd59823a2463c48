package io.daylily.ec.api.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the upstream fixtures are looked for: property, then environment, then beside the checkout. */
class FixturesTest {
    @TempDir
    Path dir;

    @Test
    void besideTheCheckoutIsFoundWhenNothingIsNamed() throws Exception {
        Path checkout = Files.createDirectories(dir.resolve("daylily-ec"));
        Path beside = Files.createDirectories(dir.resolve("shared/fixtures/upstream"));
        assertEquals(Optional.of(beside), Fixtures.findUpstream(null, "", checkout));
    }

    @Test
    void nothingBesideAndNothingNamedIsAbsentWithAMessageNamingBoth() throws Exception {
        Path checkout = Files.createDirectories(dir.resolve("daylily-ec"));
        assertEquals(Optional.empty(), Fixtures.findUpstream(null, null, checkout));
        String m = Fixtures.missingMessage(null, null, checkout);
        assertTrue(m.contains(Fixtures.UPSTREAM_VARIABLE) && m.contains(dir.resolve("shared/fixtures/upstream").toString()), m);
    }

    @Test
    void thePropertyWinsOverTheEnvironmentAndANamedMissingDirectoryIsAbsent() throws Exception {
        Path checkout = Files.createDirectories(dir.resolve("daylily-ec"));
        Files.createDirectories(dir.resolve("shared/fixtures/upstream"));
        Path prop = Files.createDirectories(dir.resolve("p"));
        Path env = Files.createDirectories(dir.resolve("e"));
        assertEquals(Optional.of(prop), Fixtures.findUpstream(prop.toString(), env.toString(), checkout));
        assertEquals(Optional.of(env), Fixtures.findUpstream(null, env.toString(), checkout));
        // a name that is given but wrong is not silently replaced by the directory beside the checkout
        assertEquals(Optional.empty(), Fixtures.findUpstream(null, dir.resolve("nope").toString(), checkout));
        assertTrue(Fixtures.missingMessage(null, dir.resolve("nope").toString(), checkout).contains("is not a directory"));
    }
}
