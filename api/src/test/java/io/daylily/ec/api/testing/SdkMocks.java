package io.daylily.ec.api.testing;

import static org.mockito.Mockito.withSettings;

import org.mockito.Answers;
import org.mockito.Mockito;

/**
 * Mockito mocks of AWS SDK client interfaces whose paginators are the SDK's own: a
 * {@code …Paginator} method runs its real code, which calls the (stubbed) page operation, so a test
 * of a step that uses a paginator exercises the SDK's token handling rather than a stand-in.
 */
public final class SdkMocks {
    private SdkMocks() {
    }

    public static <C> C mock(Class<C> clientType) {
        return Mockito.mock(clientType, withSettings().defaultAnswer(invocation ->
                invocation.getMethod().isDefault() && invocation.getMethod().getName().endsWith("Paginator")
                        ? invocation.callRealMethod() : Answers.RETURNS_DEFAULTS.answer(invocation)));
    }
}
