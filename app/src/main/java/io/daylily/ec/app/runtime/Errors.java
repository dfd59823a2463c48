package io.daylily.ec.app.runtime;

import io.daylily.ec.api.DaylilyException;

/** Exception helpers for the boundary: find our exception inside wrappers (the SDK wraps interceptor errors). */
public final class Errors {
    private Errors() {
    }

    public static DaylilyException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DaylilyException d) {
                return d;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** True for AWS SDK exceptions (checked by name so the runtime core needs no SDK types). */
    public static boolean isSdk(Throwable e) {
        for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("software.amazon.awssdk.core.exception.SdkException")) {
                return true;
            }
        }
        return false;
    }
}
