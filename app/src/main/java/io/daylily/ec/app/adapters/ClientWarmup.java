package io.daylily.ec.app.adapters;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Loads and initialises the AWS SDK client classes a pipeline will need, off the main thread, while
 * the config is read and validated. Building the first client of a type costs 0.3–0.7 s of class
 * loading (measured in docs/performance.md); the throwaway clients built here use anonymous
 * credentials, send nothing, and are closed at once. The real clients (with the run's profile and
 * region) are still built by {@link SdkAwsClients}; they find their classes already loaded.
 */
public final class ClientWarmup {
    private static final Logger LOG = LogManager.getLogger(ClientWarmup.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Client types in the order a preflight first uses them. */
    public static final List<String> PREFLIGHT = List.of(
            "software.amazon.awssdk.services.sts.StsClient",
            "software.amazon.awssdk.services.iam.IamClient",
            "software.amazon.awssdk.services.servicequotas.ServiceQuotasClient",
            "software.amazon.awssdk.services.s3.S3Client",
            "software.amazon.awssdk.services.ec2.Ec2Client");

    /** The rest a create uses, after the preflight. */
    public static final List<String> CREATE_EXTRA = List.of(
            "software.amazon.awssdk.services.cloudformation.CloudFormationClient",
            "software.amazon.awssdk.services.budgets.BudgetsClient",
            "software.amazon.awssdk.services.sns.SnsClient",
            "software.amazon.awssdk.services.scheduler.SchedulerClient",
            "software.amazon.awssdk.services.lambda.LambdaClient",
            "software.amazon.awssdk.services.fsx.FSxClient");

    private ClientWarmup() {
    }

    /** Starts {@code threads} daemon threads that warm {@code types} in turn; never blocks, never fails the run. */
    public static void start(List<String> types, int threads) {
        AtomicInteger next = new AtomicInteger();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                for (int k; (k = next.getAndIncrement()) < types.size(); ) {
                    warm(types.get(k));
                }
            }, "aws-warmup-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        }
    }

    /** The launcher's training run's calls on loopback ({@link ArchiveTraining}); how many answered. */
    public static int train() {
        return ArchiveTraining.run();
    }

    /** Builds and closes one throwaway client of {@code type}; returns false (and logs at DEBUG) if it cannot. */
    public static boolean warm(String type) {
        try {
            Object builder = Class.forName(type).getMethod("builder").invoke(null);
            AwsClientBuilder<?, ?> aws = (AwsClientBuilder<?, ?>) builder;
            aws.region(Region.US_EAST_1);
            aws.credentialsProvider(AnonymousCredentialsProvider.create());
            ((SdkSyncClientBuilder<?, ?>) builder).httpClientBuilder(UrlConnectionHttpClient.builder());
            ((AutoCloseable) aws.build()).close();
            return true;
        } catch (Exception | LinkageError e) {
            LOG.debug("warming {}: {}", type, e.toString());
            return false;
        }
    }
}
