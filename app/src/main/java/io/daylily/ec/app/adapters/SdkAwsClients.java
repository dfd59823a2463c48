package io.daylily.ec.app.adapters;

import io.daylily.ec.api.AwsClients;
import io.daylily.ec.api.AwsTarget;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.app.runtime.MutationGuard;
import io.daylily.ec.support.Settings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * {@link AwsClients} on the AWS SDK for Java v2: each client built lazily, once per (type, profile,
 * region), with url-connection-client, standard retries, the run's credentials, and an endpoint
 * override (flag, or the SDK's own {@code AWS_ENDPOINT_URL}); all closed at the end. Also the
 * {@link MutationGuard}: while read-only, any operation outside the read verbs is refused before it
 * is sent.
 */
public final class SdkAwsClients implements AwsClients, MutationGuard {
    private static final Logger LOG = LogManager.getLogger(SdkAwsClients.class);
    /** Operation-name prefixes that never change anything. */
    static final List<String> READ_VERBS = List.of("Get", "List", "Describe", "Head", "Lookup", "Search",
            "Validate", "Estimate", "Simulate", "Check", "Detect", "Preview");

    private record Key(Class<?> type, AwsTarget target) {
    }

    private final Map<Key, AutoCloseable> clients = new ConcurrentHashMap<>();
    private final URI endpointOverride;
    private final Map<String, String> env;
    private final AwsCredentialsProvider fixedCredentials;
    private volatile boolean readOnly;
    private volatile boolean closed;

    /**
     * @param endpointOverride {@code --endpoint-url}, or null (the SDK still honours {@code AWS_ENDPOINT_URL})
     * @param env              the process environment (for path-style S3 behind an emulator)
     */
    public SdkAwsClients(URI endpointOverride, Map<String, String> env) {
        this(endpointOverride, env, null);
    }

    /** As above, every client signing with {@code credentials} (the launcher's training run, on loopback), or the run's chain when null. */
    SdkAwsClients(URI endpointOverride, Map<String, String> env, AwsCredentialsProvider credentials) {
        this.endpointOverride = endpointOverride;
        this.env = env;
        this.fixedCredentials = credentials;
    }

    @Override
    public <C> C get(Class<C> type, AwsTarget target) {
        if (closed) {
            throw new IllegalStateException("AWS clients are closed");
        }
        return type.cast(clients.computeIfAbsent(new Key(type, target), k -> build(type, target)));
    }

    private AutoCloseable build(Class<?> type, AwsTarget target) {
        Object builder;
        try {
            builder = type.getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DaylilyException(ExitCode.AWS, type.getName() + " is not an AWS SDK client type", e);
        }
        if (!(builder instanceof AwsClientBuilder<?, ?> aws) || !(builder instanceof SdkSyncClientBuilder<?, ?> sync)) {
            throw new DaylilyException(ExitCode.AWS, type.getName() + " is not a synchronous AWS SDK client");
        }
        aws.region(Region.of(target.region()));
        aws.credentialsProvider(fixedCredentials != null ? fixedCredentials : credentials(target.profile()));
        aws.overrideConfiguration(ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .apiCallAttemptTimeout(Settings.AWS_ATTEMPT_TIMEOUT_SECONDS.duration(env))
                .apiCallTimeout(Settings.AWS_CALL_TIMEOUT_SECONDS.duration(env))
                .addExecutionInterceptor(new Guard())
                .build());
        if (endpointOverride != null) {
            aws.endpointOverride(endpointOverride);
        }
        sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        if (builder instanceof S3ClientBuilder s3 && overrideInEffect()) {
            // Emulators on 127.0.0.1 cannot serve bucket.127.0.0.1: use path-style addressing.
            s3.forcePathStyle(true);
            // S3-compatible stores often reject the SDK's default flexible checksums (aws-chunked
            // uploads with a CRC trailer, since SDK 2.30): checksums only where the operation requires
            // them, unless the user chose otherwise through the SDK's own variables. Real AWS keeps the default.
            if (!notBlank(env.get("AWS_REQUEST_CHECKSUM_CALCULATION"))) {
                s3.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
            }
            if (!notBlank(env.get("AWS_RESPONSE_CHECKSUM_VALIDATION"))) {
                s3.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            }
            // Plain bodies, signed whole, rather than aws-chunked frames with per-chunk signatures.
            s3.serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
        }
        LOG.debug("built {} for profile={} region={}", type.getSimpleName(), target.profile(), target.region());
        return (AutoCloseable) aws.build();
    }

    private boolean overrideInEffect() {
        return endpointOverride != null || notBlank(env.get("AWS_ENDPOINT_URL"))
                || notBlank(env.get("AWS_ENDPOINT_URL_S3"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    static AwsCredentialsProvider credentials(String profile) {
        if (profile == null || profile.isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return ProfileCredentialsProvider.builder().profileName(profile).build();
    }

    @Override
    public void readOnly(boolean value) {
        this.readOnly = value;
    }

    /** True when {@code operation} (e.g. {@code CreateStack}) is a read verb. */
    static boolean isRead(String operation) {
        return READ_VERBS.stream().anyMatch(operation::startsWith);
    }

    @Override
    public void close() {
        closed = true;
        for (AutoCloseable c : clients.values()) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing client: {}", e.toString());
            }
        }
        clients.clear();
    }

    /** Refuses mutating operations while read-only; logs each operation at DEBUG. */
    final class Guard implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            String op = request.getClass().getSimpleName().replaceFirst("Request$", "");
            LOG.debug("AWS {}", op);
            if (readOnly && !isRead(op)) {
                throw new DaylilyException(ExitCode.VALIDATION, "refused mutating AWS operation " + op
                        + " outside a step's apply (only a resource step's apply, or a plain step that declares it writes, may change AWS;"
                        + " the preflight and a plan never do)", "mutation_refused", null);
            }
        }
    }
}
