package io.daylily.ec.steps.pcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/** PARITY §15 / §29.10. */
class RendererTest {
    static Map<String, String> all() {
        Map<String, String> v = new TreeMap<>();
        for (String t : Renderer.TOKENS) {
            v.put(t, "v-" + t.toLowerCase().replace('_', '-'));
        }
        v.put("REGSUB_REGION", "us-west-2");
        v.put("REGSUB_FSX_SIZE", "4800");
        v.put("REGSUB_DETAILED_MONITORING", "false");
        v.put("REGSUB_DELETE_LOCAL_ROOT", "true");
        v.put("REGSUB_MAX_COUNT_8I", "1");
        v.put("REGSUB_MAX_COUNT_128I", "1");
        v.put("REGSUB_MAX_COUNT_192I", "1");
        v.put("REGSUB_S3_BUCKET_INIT", "s3://lab-omics-analysis-us-west-2");
        v.put("REGSUB_S3_BUCKET_REF", "s3://lab-omics-analysis-us-west-2");
        return v;
    }

    @Test
    void twentySixKnownTokensFourRequired() {
        assertEquals(26, Renderer.TOKENS.size());
        assertEquals(4, Renderer.REQUIRED.size());
    }

    @Test
    void miniTemplate() {
        String out = Renderer.render("Region: ${REGSUB_REGION}\nA: ${REGSUB_PUB_SUBNET}\nB: ${REGSUB_PRIVATE_SUBNET}\nC: ${REGSUB_CLUSTER_NAME}\n",
                Map.of("REGSUB_REGION", "us-west-2", "REGSUB_PUB_SUBNET", "subnet-1", "REGSUB_PRIVATE_SUBNET", "subnet-2",
                        "REGSUB_CLUSTER_NAME", "c1", "REGSUB_EXTRA", "x"));
        assertTrue(out.startsWith("Region: us-west-2"));
        assertFalse(out.contains("${"));
        assertFalse(out.contains("REGSUB_EXTRA"));
    }

    @Test
    void requiredKeyMissingIsNamed() {
        Map<String, String> v = new HashMap<>(all());
        v.put("REGSUB_REGION", "");
        DaylilyException e = assertThrows(DaylilyException.class, () -> Renderer.render("Hello: x\n", v));
        assertTrue(e.getMessage().contains("REGSUB_REGION"));
        assertEquals(1, e.exitCode().code());
    }

    @Test
    void unknownOrValuelessTokenIsNamed() {
        assertTrue(assertThrows(DaylilyException.class, () -> Renderer.render("a: ${REGSUB_NOPE}\n", all()))
                .getMessage().contains("REGSUB_NOPE"));
        Map<String, String> v = new HashMap<>(all());
        v.remove("REGSUB_KEYNAME");
        assertTrue(assertThrows(DaylilyException.class, () -> Renderer.render("k: ${REGSUB_KEYNAME}\n", v))
                .getMessage().contains("REGSUB_KEYNAME"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nInjected: true", "x: y", "x #comment", "{a: 1}", "[1, 2]", "*alias", "&anchor x", "!!python/object x",
            "| block", "> folded", "'quoted", "\"quoted", " lead", "trail ", "- item", "%TAG", "@at", "`tick", "tab\there"})
    void structureChangingValuesAreRejected(String value) {
        Map<String, String> v = new HashMap<>(all());
        v.put("REGSUB_CLUSTER_NAME", value);
        DaylilyException e = assertThrows(DaylilyException.class, () -> Renderer.render("Name: ${REGSUB_CLUSTER_NAME}\n", v));
        assertTrue(e.getMessage().contains("REGSUB_CLUSTER_NAME"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(60 minutes)", "cron(0 12 * * ? *)", "ops@example.com", "arn:aws:iam::123456789012:role/x",
            "s3://bucket", "price-capacity-optimized", "alice-bob", "4800"})
    void ordinaryValuesAreAccepted(String value) {
        assertTrue(Renderer.unsafe(value).isEmpty(), value);
    }

    @Test
    void projectTemplateRendersToValidYamlWithoutTokensAndIsStable() throws Exception {
        String t = Files.readString(Fixtures.projectRoot().resolve("config/day_cluster/prod_cluster.yaml"));
        assertTrue(Renderer.TOKENS.containsAll(Renderer.tokens(t)));
        String a = Renderer.render(t, all());
        assertEquals(a, Renderer.render(t, all()), "byte-identical for identical input");
        assertFalse(a.contains("${"));
        Map<?, ?> doc = new Yaml().load(a);
        assertEquals("us-west-2", doc.get("Region"));
        assertEquals("v-regsub-keyname", ((Map<?, ?>) ((Map<?, ?>) doc.get("HeadNode")).get("Ssh")).get("KeyName"));
        assertTrue(a.contains("SpotPrice: CALCULATE_MAX_SPOT_PRICE"), "the spot placeholder is not a token");
    }

    @Test
    void upstreamFixtureTemplatesRender() throws Exception {
        Path dir = Fixtures.upstream().resolve("config/day_cluster");
        for (String name : new String[] {"prod_cluster.yaml", "prod_cluster_dragen.yaml", "prod_cluster_variant.yaml"}) {
            String t = Files.readString(dir.resolve(name));
            String out = Renderer.render(t, all());
            assertFalse(out.contains("${REGSUB_"), name);
            new Yaml().load(out);
        }
        String prod = Renderer.render(Files.readString(dir.resolve("prod_cluster.yaml")), all());
        assertTrue(prod.startsWith("Region: us-west-2"));
        assertTrue(prod.contains("DataRepositoryPath: s3://lab-omics-analysis-us-west-2/data/"));
    }

    @Test
    void projectTemplateKeepsTheUpstreamQueuesAndTypes() throws Exception {
        Map<String, java.util.List<String>> ours = SpotPricer.queueTypes(Files.readString(Fixtures.projectRoot()
                .resolve("config/day_cluster/prod_cluster.yaml")));
        Map<String, java.util.List<String>> theirs = SpotPricer.queueTypes(Files.readString(Fixtures.upstream()
                .resolve("config/day_cluster/prod_cluster.yaml")));
        assertEquals(theirs.keySet(), ours.keySet());
        theirs.forEach((q, types) -> assertEquals(new java.util.TreeSet<>(types), new java.util.TreeSet<>(ours.get(q)), q));
    }
}
