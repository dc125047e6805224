package dev.federator.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.Rendering;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DifferTest {
    private static ObjectNode json(String s) throws Exception { return (ObjectNode) JsonTree.MAPPER.readTree(s); }

    @Test
    void equalManagedFieldsGiveNoChangeWhateverElseTheVendorHolds() throws Exception {
        Rendering r = new Rendering(json("{\"alias\":\"a\",\"enabled\":true,\"config\":{\"clientId\":\"x\",\"issuer\":null}}"),
                Set.of(), Set.of("alias"));
        ObjectNode remote = json("{\"alias\":\"a\",\"enabled\":true,\"internalId\":\"1\",\"config\":{\"clientId\":\"x\",\"syncMode\":\"LEGACY\"}}");
        assertThat(Differ.changedPaths(r, remote, (p, v) -> true)).isEmpty();
    }

    @Test
    void reportsChangedAndClearedFieldsByPath() throws Exception {
        Rendering r = new Rendering(json("{\"enabled\":false,\"config\":{\"clientId\":\"x\",\"issuer\":null,\"scopes\":[\"b\",\"a\"]}}"),
                Set.of(), Set.of());
        ObjectNode remote = json("{\"enabled\":\"true\",\"config\":{\"clientId\":\"x\",\"issuer\":\"https://old\",\"scopes\":[\"a\",\"b\"]}}");
        assertThat(Differ.changedPaths(r, remote, (p, v) -> true)).containsExactly("enabled", "config.issuer");
    }

    @Test
    void writeOnlyFieldsCompareByFingerprintAndPresence() throws Exception {
        Rendering r = new Rendering(json("{\"config\":{\"clientSecret\":\"new\"}}"), Set.of("config.clientSecret"), Set.of());
        ObjectNode masked = json("{\"config\":{\"clientSecret\":\"**********\"}}");
        assertThat(Differ.changedPaths(r, masked, (p, v) -> true)).isEmpty();
        assertThat(Differ.changedPaths(r, masked, (p, v) -> false)).containsExactly("config.clientSecret");
        assertThat(Differ.changedPaths(r, json("{\"config\":{}}"), (p, v) -> true)).containsExactly("config.clientSecret");
    }
}
