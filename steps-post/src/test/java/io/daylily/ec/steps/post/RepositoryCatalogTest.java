package io.daylily.ec.steps.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.RepoOverrides;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryCatalogTest {
    @TempDir
    Path dir;

    private static RepoOverrides of(String key, String ref) {
        return new RepoOverrides(new TreeMap<>(Map.of(key, ref)));
    }

    @Test
    void theBundledCatalogIsUsedWhenTheWorkingDirectoryHasNone() {
        RepositoryCatalog c = RepositoryCatalog.load(dir);
        assertEquals("bundled:config/daylily_available_repositories.yaml", c.source());
        assertEquals(Set.of("daylily-omics-analysis"), c.keys());
        RepoOverrides ok = of("daylily-omics-analysis", "v2");
        assertSame(ok, c.check(ok));
        assertTrue(c.overridden(ok).contains("default_ref: v2"), c.overridden(ok));
    }

    @Test
    void theWorkingDirectoryCopyWinsAndDecidesTheKeys() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve(RepositoryCatalog.PATH), """
                default_repository: b
                repositories:
                  b: {default_ref: main, https_url: https://example.com/b.git}
                  a: {default_ref: 1.0}
                """);
        RepositoryCatalog c = RepositoryCatalog.load(dir);
        assertEquals(dir.resolve(RepositoryCatalog.PATH).toString(), c.source());
        assertEquals(Set.of("a", "b"), c.keys());
        DaylilyException e = assertThrows(DaylilyException.class, () -> c.check(of("daylily-omics-analysis", "x")));
        assertEquals(1, e.exitCode().code());
        assertTrue(e.getMessage().endsWith("known keys: a, b"), e.getMessage());
        String out = c.overridden(of("b", "feature/x:y"));
        assertTrue(out.indexOf("b:") < out.indexOf("a:"), "the file's key order is kept: " + out);
        assertTrue(out.contains("default_ref: feature/x:y"), out);
        assertTrue(out.contains("https_url: https://example.com/b.git"), "the rest of the entry stays: " + out);
        assertTrue(out.contains("default_ref: 1.0"), "other repositories unchanged: " + out);
        assertEquals(c.overridden(new RepoOverrides(new TreeMap<>())), c.overridden(of("zzz", "2.0")),
                "an unknown key changes nothing");
    }

    @Test
    void aCatalogThatIsNotOneIsRefusedNamingTheFile() {
        for (String[] bad : new String[][] {
                {"repositories: [a, b]\n", "has no 'repositories' mapping"},
                {"repositories: {}\n", "has no 'repositories' mapping"},
                {"- a\n", "has no 'repositories' mapping"},
                {"repositories:\n  a: main\n", "has repository 'a' that is not a mapping"},
                {"default_repository: c\nrepositories:\n  a: {default_ref: x}\n", "names default_repository 'c', which is not among its repositories (a)"},
                {"repositories: {a: [\n", "is not valid YAML"}}) {
            DaylilyException e = assertThrows(DaylilyException.class, () -> RepositoryCatalog.parse("f.yaml", bad[0]), bad[0]);
            assertEquals(1, e.exitCode().code());
            assertTrue(e.getMessage().startsWith("the repository catalog f.yaml " + bad[1]), e.getMessage());
            assertTrue(e.getMessage().endsWith("remove the working directory's copy to use the bundled catalog"), e.getMessage());
        }
        assertEquals(Set.of("a"), RepositoryCatalog.parse("f.yaml", "default_repository: a\nrepositories:\n  a: {}\n").keys(),
                "the last accepted: a default that is one of the keys");
    }
}
