package dev.federator.testkit;

import java.lang.reflect.InvocationTargetException;

/** What the operator reports for a failure. */
public final class Failures {
    private Failures() {}

    /**
     * The reason a failure carries ({@code reason()}, as the condition and event show it). Read reflectively because
     * the failure types are being folded into one hierarchy (issue 19); what tests pin is the reason users see.
     */
    public static String reason(Throwable failure) {
        if (failure == null) {
            throw new AssertionError("expected a failure, but nothing was thrown");
        }
        try {
            return String.valueOf(failure.getClass().getMethod("reason").invoke(failure));
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError(failure.getClass().getName() + " carries no reason()", failure);
        }
    }
}
