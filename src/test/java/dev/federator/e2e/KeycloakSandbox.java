package dev.federator.e2e;

import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.sim.keycloak.KeycloakSimulator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One sandbox for a whole test class, its operator started against the fleet, with the fleet's Keycloak simulator at
 * hand: what the Keycloak end-to-end tests start from. Register it as a static {@code @RegisterExtension} field; the
 * operator log goes to {@code target/e2e/NAME-operator.log}.
 */
final class KeycloakSandbox implements BeforeAllCallback, AfterAllCallback {
    private final String name;
    private final Map<String, String> operatorEnv;
    private SandboxEnvironment env;
    private KeycloakSimulator sim;
    private SimulatedKeycloak keycloak;

    KeycloakSandbox(String name, Map<String, String> operatorEnv) {
        this.name = name;
        this.operatorEnv = Map.copyOf(operatorEnv);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        env = new SandboxEnvironment(Path.of("target", "e2e", name + "-operator.log"));
        env.startOperator(operatorEnv);
        sim = env.simulators().keycloak();
        keycloak = new SimulatedKeycloak(sim);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (env != null) {
            env.close();
        }
    }

    SandboxEnvironment env() { return env; }

    KeycloakSimulator sim() { return sim; }

    SimulatedKeycloak keycloak() { return keycloak; }

    /** Starts the operator again with the settings it started with (after a test stopped or killed it). */
    void restartOperator() { env.startOperator(operatorEnv); }

    /** Starts the operator again if a test left it dead (a kill without the restart). */
    void reviveOperator() {
        if (!env.operator().isAlive()) {
            restartOperator();
        }
    }
}
