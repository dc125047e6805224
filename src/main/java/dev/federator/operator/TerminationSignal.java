package dev.federator.operator;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import sun.misc.Signal;

/**
 * SIGTERM (a rolling update, a drain, a pod deletion) is a requested stop, not a failure: once started, the operator
 * answers it with the same orderly shutdown as any other stop (stop reconciling, release the Lease) and exit code 0.
 * Left to the JVM, the same shutdown ends with 128 + 15 = 143, which Kubernetes reports as an error.
 */
public class TerminationSignal {
    private static final Logger LOG = Logger.getLogger(TerminationSignal.class);

    void onStart(@Observes StartupEvent event) {
        Signal.handle(new Signal("TERM"), signal -> {
            LOG.info("SIGTERM received: stopping");
            Quarkus.asyncExit(0);
        });
    }
}
