package io.daylily.ec.api;

/**
 * Hands out AWS SDK for Java v2 clients. Steps never build clients themselves: the runtime's
 * implementation builds each one lazily, once per (type, profile, region) and run, with the run's
 * credentials, retry policy and endpoint override, and closes them all when the run ends. Tests
 * hand in Mockito mocks of the client interfaces.
 *
 * <p>Call the request-object overload of each operation (a mock does not route the
 * {@code Consumer<Builder>} overload), use the SDK's paginators, and translate
 * {@code SdkException} into {@link AwsOperationException} at the call site.
 */
public interface AwsClients extends AutoCloseable {
    /**
     * A client of the given SDK interface type, e.g. {@code StsClient.class}.
     *
     * @throws DaylilyException when the type is not an SDK client this runtime can build
     */
    <C> C get(Class<C> type, AwsTarget target);

    /** Shorthand for {@code get(type, AwsTarget.of(context))}. */
    default <C> C get(Class<C> type, RunContext context) {
        return get(type, AwsTarget.of(context));
    }

    /** Closes every client handed out. Idempotent. */
    @Override
    void close();
}
