package dev.federator.sandbox;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One sandbox for a whole test class, its operator started against the simulator fleet, closed (with its secret scan
 * and RBAC audit) after the last test. Register it as a static {@code @RegisterExtension} field; the operator log goes
 * to {@code target/e2e/NAME-operator.log}.
 */
public final class SandboxPerClass implements BeforeAllCallback, AfterAllCallback {
    private final Path log;
    private final Map<String, String> operatorEnv;
    private SandboxEnvironment env;

    /** @param operatorEnv extra environment of the operator process, kept for every restart */
    public SandboxPerClass(String name, Map<String, String> operatorEnv) {
        this.log = Path.of("target", "e2e", name + "-operator.log");
        this.operatorEnv = Map.copyOf(operatorEnv);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // Named after the test class, not this extension: the secret-scan and RBAC-audit reports (and the summary's
        // list of classes scanned) go by that name.
        env = new SandboxEnvironment(log, context.getRequiredTestClass().getSimpleName());
        restartOperator();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (env != null) {
            env.close();
        }
    }

    public SandboxEnvironment env() { return env; }

    /** The operator's log. */
    public Path log() { return log; }

    /** Starts the operator with the settings it started with (again, after a test stopped or killed it). */
    public void restartOperator() { env.startOperator(operatorEnv); }

    /** Starts the operator again if a test left it dead (a kill without the restart). */
    public void reviveOperator() {
        if (!env.operator().isAlive()) {
            restartOperator();
        }
    }
}
