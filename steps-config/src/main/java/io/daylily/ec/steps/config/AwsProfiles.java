package io.daylily.ec.steps.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The profile names in the shared AWS config and credentials files (what {@code aws configure list-profiles} lists). */
final class AwsProfiles {
    private AwsProfiles() {
    }

    static Set<String> names(Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path config = Path.of(env.getOrDefault("AWS_CONFIG_FILE", home + "/.aws/config"));
        Path creds = Path.of(env.getOrDefault("AWS_SHARED_CREDENTIALS_FILE", home + "/.aws/credentials"));
        Set<String> out = new TreeSet<>();
        read(config, true, out);
        read(creds, false, out);
        return out;
    }

    private static void read(Path file, boolean configFile, Set<String> out) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (!line.startsWith("[") || !line.endsWith("]")) {
                    continue;
                }
                String name = line.substring(1, line.length() - 1).strip();
                if (configFile) {
                    if (name.startsWith("profile ")) {
                        out.add(name.substring("profile ".length()).strip());
                    } else if (name.equals("default")) {
                        out.add(name);
                    }
                } else {
                    out.add(name);
                }
            }
        } catch (IOException e) {
            // an unreadable file lists nothing; the SDK will say more if the profile is then used
        }
    }

    /** True when the environment carries credentials without a profile (CI, containers, web identity). */
    static boolean environmentCredentials(Map<String, String> env) {
        return notBlank(env.get("AWS_ACCESS_KEY_ID")) || notBlank(env.get("AWS_WEB_IDENTITY_TOKEN_FILE"))
                || notBlank(env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
                || notBlank(env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
