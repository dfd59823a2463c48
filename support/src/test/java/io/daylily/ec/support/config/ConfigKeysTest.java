package io.daylily.ec.support.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.config.ConfigKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {
    @Test
    void suggestionsReachThreeEditsAndNoFurther() {
        assertEquals(3, ConfigKeys.distance("abc", ""));
        assertEquals(1, ConfigKeys.distance("kitten", "sitten"));
        assertEquals(3, ConfigKeys.distance("kitten", "sitting"));
        assertEquals(0, ConfigKeys.distance("same", "same"));
        assertEquals(2, ConfigKeys.distance("ab", "ba"), "a swap is two edits");
        assertTrue(ConfigKeys.suggestions("cluster_nam").contains("cluster_name"), "one edit");
        assertTrue(ConfigKeys.suggestions("clstr_nme").contains("cluster_name"), "three edits");
        assertFalse(ConfigKeys.suggestions("clstrnme").contains("cluster_name"), "four edits");
        assertTrue(ConfigKeys.suggestions("CLUSTER_NAME").contains("cluster_name"), "case is ignored");
        assertEquals(List.of("aws_profile"), ConfigKeys.suggestions("aws_profil"), "optional keys are suggested too");
    }

    @Test
    void theCatalogueIsTheTemplatesOrderOfUniqueNames() {
        assertEquals(25, ConfigKeys.REQUIRED.size());
        assertEquals("s3_bucket_name", ConfigKeys.REQUIRED.get(0).name());
        assertEquals("max_count_192I", ConfigKeys.REQUIRED.get(24).name());
        Set<String> names = new HashSet<>(ConfigKeys.REQUIRED_NAMES);
        assertEquals(ConfigKeys.REQUIRED.size(), names.size(), "no key twice");
        assertTrue(ConfigKeys.REQUIRED.stream().allMatch(ConfigKey::required));
        assertFalse(ConfigKeys.AWS_PROFILE.required(), "aws_profile is never added by write-back");
        assertEquals(26, ConfigKeys.all().size());
        assertEquals(ConfigKeys.AWS_PROFILE, ConfigKeys.all().get(25));
    }

    @Test
    void keysAreFoundByTheirNameOnly() {
        assertEquals(ConfigKeys.PUBLIC_SUBNET_ID, ConfigKeys.named("public_subnet_id").orElseThrow());
        assertTrue(ConfigKeys.named("Public_Subnet_Id").isEmpty(), "names are case-sensitive");
        assertTrue(ConfigKeys.isKnown("aws_profile"));
        assertFalse(ConfigKeys.isKnown("aws_profiles"));
        assertEquals(List.of(ConfigKeys.MAX_COUNT_8I, ConfigKeys.MAX_COUNT_128I, ConfigKeys.MAX_COUNT_192I),
                ConfigKeys.MAX_COUNTS);
    }

    @Test
    void eachKeyCarriesItsRuleAndDefault() {
        assertTrue(ConfigKeys.CLUSTER_NAME.rule().check("ab").isEmpty());
        assertTrue(ConfigKeys.CLUSTER_NAME.rule().check("a").isPresent());
        assertTrue(ConfigKeys.MAX_COUNT_8I.rule().check("0").isPresent(), "a queue of none is refused");
        assertTrue(ConfigKeys.MAX_COUNT_8I.rule().check("1").isEmpty());
        assertTrue(ConfigKeys.ENFORCE_BUDGET.rule().check("enforce").isEmpty());
        assertTrue(ConfigKeys.ENFORCE_BUDGET.rule().check("true").isPresent());
        assertEquals("4800", ConfigKeys.FSX_FS_SIZE.defaultValue());
        assertEquals("rate(60 minutes)", ConfigKeys.HEARTBEAT_SCHEDULE.defaultValue());
        assertEquals("1", ConfigKeys.MAX_COUNT_192I.defaultValue());
        assertEquals("", ConfigKeys.S3_BUCKET_NAME.defaultValue(), "AWS-chosen values have no default");
        for (ConfigKey k : ConfigKeys.all()) {
            assertTrue(k.rule().check(k.defaultValue()).isEmpty() || k.defaultValue().isEmpty()
                    || k == ConfigKeys.CLUSTER_TEMPLATE_YAML, k + ": its default passes its rule");
        }
    }
}
