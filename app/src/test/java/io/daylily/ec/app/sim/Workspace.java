package io.daylily.ec.app.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away user environment for running the real jar: a HOME with an ed25519 PEM, a bin
 * directory of fake external programs ({@code pcluster}, {@code node}, {@code git}, {@code ssh}, the
 * verifier), a config directory, a complete config and a cluster template.
 */
public final class Workspace {
    public final Path root;
    public final Path home;
    public final Path bin;
    public final Path configDir;
    public final Path config;

    public record Result(int exitCode, String stdout, String stderr, Duration elapsed) {
    }

    /** Seconds the fake {@code pcluster} sleeps before it answers (a real one's Python start-up). */
    public static final String STARTUP_ENV = "PCLUSTER_STARTUP_SECONDS";
    public static final String DEFAULT_STARTUP = "0.7";

    public Workspace(Path root) throws IOException {
        this.root = root;
        this.home = Files.createDirectories(root.resolve("home"));
        this.bin = Files.createDirectories(root.resolve("bin"));
        this.configDir = root.resolve("cfg");
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Path pem = ssh.resolve("lab-omics.pem");
        Files.writeString(pem, "-----BEGIN OPENSSH PRIVATE KEY-----\nfake\n-----END OPENSSH PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("r--------"));
        program("pcluster", fakePcluster(root));
        program("node", "exit 0");
        program("git", "exit 0");
        program("ssh", "exit 0");
        program("daylily-omics-references.sh", "echo \"verified $*\"; exit 0");
        Path template = root.resolve("cluster.yaml");
        Files.writeString(template, """
                Region: ${REGSUB_REGION}
                HeadNode:
                  InstanceType: ${REGSUB_HEADNODE_INSTANCE_TYPE}
                  Networking:
                    SubnetId: ${REGSUB_PUB_SUBNET}
                  Ssh:
                    KeyName: ${REGSUB_KEYNAME}
                Scheduling:
                  Scheduler: slurm
                  SlurmQueues:
                    - Name: i8
                      Networking:
                        SubnetIds:
                          - ${REGSUB_PRIVATE_SUBNET}
                      ComputeResources:
                        - Name: r7
                          Instances:
                            - InstanceType: r7i.2xlarge
                          MaxCount: ${REGSUB_MAX_COUNT_8I}
                          SpotPrice: CALCULATE_MAX_SPOT_PRICE
                        - Name: r6
                          Instances:
                            - InstanceType: r6i.2xlarge
                          MaxCount: ${REGSUB_MAX_COUNT_8I}
                          SpotPrice: CALCULATE_MAX_SPOT_PRICE
                SharedStorage:
                  - Name: fsx-${REGSUB_CLUSTER_NAME}
                    FsxLustreSettings:
                      StorageCapacity: ${REGSUB_FSX_SIZE}
                      DataRepositoryPath: ${REGSUB_S3_BUCKET_REF}/data/
                Tags:
                  - Key: aws-parallelcluster-project
                    Value: ${REGSUB_PROJECT}
                """);
        this.config = root.resolve("cluster-config.yaml");
        Files.writeString(config, """
                # integration-test config
                ephemeral_cluster:
                  config:
                    cluster_name: [USESETVALUE, "", "lab-cluster"]
                    budget_email: [USESETVALUE, "", "ops@example.com"]
                    cluster_template_yaml: [USESETVALUE, "", "%s"]
                    headnode_instance_type: [USESETVALUE, "", "r7i.2xlarge"]
                    heartbeat_email: [USESETVALUE, "", "skip"]
                    s3_bucket_name: [PROMPTUSER, "", ""]
                    public_subnet_id: [PROMPTUSER, "", ""]
                    private_subnet_id: [PROMPTUSER, "", ""]
                    iam_policy_arn: [PROMPTUSER, "", ""]
                    ssh_key_name: [PROMPTUSER, "", ""]
                    allowed_budget_users: [PROMPTUSER, "ubuntu", ""]
                    budget_amount: [PROMPTUSER, "200", ""]
                    global_allowed_budget_users: [PROMPTUSER, "ubuntu", ""]
                    global_budget_amount: [PROMPTUSER, "200", ""]
                    enforce_budget: [PROMPTUSER, "skip", ""]
                    fsx_fs_size: [PROMPTUSER, "4800", ""]
                    enable_detailed_monitoring: [PROMPTUSER, "false", ""]
                    delete_local_root: [PROMPTUSER, "true", ""]
                    auto_delete_fsx: [PROMPTUSER, "Delete", ""]
                    heartbeat_schedule: [PROMPTUSER, "rate(60 minutes)", ""]
                    heartbeat_scheduler_role_arn: [PROMPTUSER, "", ""]
                    spot_instance_allocation_strategy: [PROMPTUSER, "price-capacity-optimized", ""]
                    max_count_8I: [PROMPTUSER, "1", ""]
                    max_count_128I: [PROMPTUSER, "1", ""]
                    max_count_192I: [PROMPTUSER, "1", ""]
                """.formatted(template));
    }

    /**
     * A stand-in for pcluster 3.13.2: version; create-cluster (dry run: the success message, exit 1;
     * real: accepted); describe-cluster: CREATE_IN_PROGRESS on the first call, then CREATE_COMPLETE
     * with a head node. Every call is appended to {@code pcluster-calls.log}, and, once its start-up sleep is
     * over, to {@code pcluster-started.log} with the time in epoch milliseconds.
     */
    static String fakePcluster(Path root) {
        Path log = root.resolve("pcluster-calls.log");
        Path n = root.resolve("pcluster-describe-count");
        Path gone = root.resolve("pcluster-deleted");
        Path created = root.resolve("pcluster-created");
        // A real pcluster is a Python program whose start-up alone takes ~0.7 s (issue #19): the fake sleeps
        // PCLUSTER_STARTUP_SECONDS (default 0.7) before it answers, so runs show what users wait for.
        return "sleep \"${" + STARTUP_ENV + ":-" + DEFAULT_STARTUP + "}\"\n"
                + "echo \"$1 $(date +%s%3N)\" >> " + root.resolve("pcluster-started.log") + "\n"
                + "echo \"$*\" >> " + log + "\n"
                + "case \"$1\" in\n"
                + "  version) if [ -f " + root.resolve("pcluster-version-hold") + " ]; then sleep 20; fi; echo '{\"version\": \"3.13.2\"}';;\n"
                + "  create-cluster)\n"
                + "    case \"$*\" in *\"--dryrun true\"*) echo '{\"message\": \"Request would have succeeded, but DryRun flag is set.\"}'; exit 1;; esac\n"
                + "    touch " + created + "; echo '{\"cluster\": {\"clusterName\": \"lab-cluster\", \"clusterStatus\": \"CREATE_IN_PROGRESS\"}}';;\n"
                + "  build-image) echo '{\"image\": {\"imageId\": \"'\"$3\"'\", \"imageBuildStatus\": \"BUILD_IN_PROGRESS\"}}';;\n"
                + "  describe-image) echo '{\"imageId\": \"'\"$3\"'\", \"imageBuildStatus\": \"BUILD_COMPLETE\", \"ec2AmiInfo\": {\"amiId\": \"ami-0baked\"}}';;\n"
                + "  delete-cluster) touch " + gone + "; echo '{\"cluster\": {\"clusterName\": \"lab-cluster\", \"clusterStatus\": \"DELETE_IN_PROGRESS\"}}';;\n"
                + "  describe-cluster)\n"
                + "    if [ -f " + gone + " ] || [ ! -f " + created + " ]; then echo '{\"message\": \"Cluster lab-cluster does not exist\"}'; exit 1; fi\n"
                + "    c=$(cat " + n + " 2>/dev/null || echo 0); c=$((c+1)); echo $c > " + n + "\n"
                + "    if [ -f " + root.resolve("pcluster-hold") + " ]; then echo '{\"clusterName\": \"lab-cluster\", \"clusterStatus\": \"CREATE_IN_PROGRESS\"}'; exit 0; fi\n"
                + "    if [ -f " + root.resolve("pcluster-fail") + " ]; then echo '{\"clusterName\": \"lab-cluster\", \"clusterStatus\": \"CREATE_FAILED\", \"failures\": [{\"failureCode\": \"HeadNodeBootstrapFailure\", \"failureReason\": \"Cluster creation timed out.\"}]}'; exit 0; fi\n"
                + "    if [ $c -lt 2 ]; then echo '{\"clusterName\": \"lab-cluster\", \"clusterStatus\": \"CREATE_IN_PROGRESS\"}';\n"
                + "    else cfg=''; if [ -f " + root.resolve("live-config.yaml") + " ]; then cfg=', \"clusterConfiguration\": {\"url\": \"file://"
                + root.resolve("live-config.yaml") + "\"}'; fi;\n"
                + "    echo '{\"clusterName\": \"lab-cluster\", \"clusterStatus\": \"CREATE_COMPLETE\"'\"$cfg\"', \"headNode\":"
                + " {\"instanceId\": \"i-0123456789abcdef0\", \"publicIpAddress\": \"54.1.2.3\"}}'; fi;;\n"
                + "  *) echo '{\"message\": \"unsupported in the fake\"}'; exit 2;;\n"
                + "esac";
    }

    /**
     * Replaces the reference verifier with a stand-in that reads {@code reads} objects of the bucket it is
     * given, one after another, from the simulated S3 ({@code curl}, path-style: the real one's S3 reads
     * are sequential too); a read that is not 200 fails it, naming the key.
     */
    public Path verifierReadingS3(int reads) throws IOException {
        return program("daylily-omics-references.sh", """
                bucket=""
                while [ $# -gt 0 ]; do case "$1" in --bucket) bucket="$2"; shift 2;; *) shift;; esac; done
                i=0
                while [ $i -lt %d ]; do
                  code=$(curl -s -o /dev/null -w '%%{http_code}' "$AWS_ENDPOINT_URL/$bucket/data/reference/part-$i")
                  [ "$code" = 200 ] || { echo "missing s3://$bucket/data/reference/part-$i ($code)"; exit 3; }
                  i=$((i+1))
                done
                echo "verified $bucket"
                """.formatted(reads));
    }

    /** Writes an executable shell script {@code bin/<name>}. */
    public Path program(String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    public Map<String, String> env(String endpoint) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.put("HOME", home.toString());
        env.put("DAYLILY_CONFIG_DIR", configDir.toString());
        env.put("AWS_ACCESS_KEY_ID", "AKIDSIMULATED");
        env.put("AWS_SECRET_ACCESS_KEY", "simulated-secret");
        env.put("AWS_SESSION_TOKEN", "simulated-session-token");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_ENDPOINT_URL", endpoint);
        env.put("NO_COLOR", "1");
        env.put("DAYLILY_MONITOR_POLL_SECONDS", "0");
        env.put("DAYLILY_STACK_POLL_SECONDS", "0");
        env.put("USER", "tester");
        env.put("DAYLILY_IMAGE_POLL_SECONDS", "0");
        return env;
    }

    /** Starts the shaded jar without waiting (for interrupt tests); output goes to stdout.txt / stderr.txt. */
    public Process start(Path jar, Map<String, String> env, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(root.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectOutput(root.resolve("stdout.txt").toFile()).redirectError(root.resolve("stderr.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    /**
     * Fails when the secret key or session token used appears in any file or output of the workspace
     * (artifacts, state, reports, debug log, stdout, stderr), or a state/report file is not mode 0600.
     */
    public void assertNoSecretsAndPrivateFiles() throws IOException {
        for (Path f : allFiles()) {
            if (f.equals(config)) {
                continue;
            }
            String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (text.contains("simulated-secret") || text.contains("simulated-session-token")) {
                throw new AssertionError("credential material in " + f);
            }
            String name = f.getFileName().toString();
            if (f.startsWith(configDir) && (name.startsWith("state_") || name.startsWith("preflight_"))
                    && !PosixFilePermissions.toString(Files.getPosixFilePermissions(f)).equals("rw-------")) {
                throw new AssertionError(f + " is not mode 0600");
            }
        }
    }

    /** Every file under the workspace (config dir, logs, outputs) as text, for secret scans. */
    public List<Path> allFiles() throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    /** Runs the shaded jar with {@code args}; stdin is closed. */
    public Result run(Path jar, Map<String, String> env, String... args) throws Exception {
        return runWith(List.of(), jar, env, args);
    }

    /** As {@link #run}, with a command prefix (e.g. {@code /usr/bin/time -f ...}). */
    public Result runWith(List<String> prefix, Path jar, Map<String, String> env, String... args) throws Exception {
        return runCommand(prefix, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString()), env, args);
    }

    /** As {@link #runWith}, starting {@code command} (e.g. the launcher script) instead of {@code java -jar}. */
    public Result runCommand(List<String> prefix, List<String> command, Map<String, String> env, String... args)
            throws Exception {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(command);
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(root.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = root.resolve("stdout.txt");
        Path err = root.resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("daylily-ec did not finish in 120 s: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err), Duration.ofNanos(System.nanoTime() - t0));
    }

    public static Path jar() {
        Path p = Path.of("target", "daylily-ec.jar").toAbsolutePath();
        if (!Files.isRegularFile(p)) {
            // from a plug-in module (plugins/<name>): the application module's jar
            p = Path.of("..", "..", "app", "target", "daylily-ec.jar").toAbsolutePath().normalize();
        }
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("build the jar first (mvn package): " + p);
        }
        return p;
    }
}
