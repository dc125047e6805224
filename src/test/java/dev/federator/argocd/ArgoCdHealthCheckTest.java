package dev.federator.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs deploy/argocd/health.lua the way Argo CD does (a global {@code obj}, a returned {@code hs} table) over status
 * samples in src/test/resources/argocd; each sample's first line says the expected health and a word of its message.
 */
class ArgoCdHealthCheckTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path SCRIPT = Path.of("deploy", "argocd", "health.lua");
    private static final Path SAMPLES = Path.of("src", "test", "resources", "argocd");

    static Stream<Path> samples() throws IOException {
        return Files.list(SAMPLES).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void mapsStatusToHealth(Path sample) throws IOException {
        String text = Files.readString(sample);
        String expect = text.lines().findFirst().orElseThrow();
        assertThat(expect).startsWith("# expect: ");
        String[] parts = expect.substring("# expect: ".length()).split(" ", 2);

        Map<String, String> health = health(YAML.readTree(text));

        assertThat(health.get("status")).as("health of %s", sample.getFileName()).isEqualTo(parts[0]);
        assertThat(health.get("message")).isNotBlank();
        if (parts.length > 1) {
            assertThat(health.get("message")).contains(parts[1]);
        }
    }

    @Test
    void argocdCmSnippetCarriesTheScriptForEveryKind() throws IOException {
        JsonNode cm = YAML.readTree(Path.of("deploy", "argocd", "argocd-cm.yaml").toFile());
        String script = Files.readString(SCRIPT);
        for (String kind : new String[] {"IdentityConnection", "IdentityPlatform", "ClusterIdentityPlatform"}) {
            assertThat(cm.at("/data").path("resource.customizations.health.federator.dev_" + kind).asText())
                    .as("deploy/argocd/argocd-cm.yaml must embed deploy/argocd/health.lua verbatim for %s", kind)
                    .isEqualTo(script);
        }
    }

    static Map<String, String> health(JsonNode resource) throws IOException {
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", lua(resource));
        LuaValue hs = globals.load(Files.readString(SCRIPT), "health.lua").call();
        assertThat(hs.istable()).as("the script returns a table").isTrue();
        return Map.of("status", hs.get("status").optjstring(""), "message", hs.get("message").optjstring(""));
    }

    /** JSON as Argo CD hands it to Lua: objects and arrays become tables (arrays 1-based), numbers stay numbers. */
    static LuaValue lua(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return LuaValue.NIL;
        }
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                table.set(field.getKey(), lua(field.getValue()));
            }
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, lua(node.get(i)));
            }
            return table;
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.booleanValue());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.doubleValue());
        }
        return LuaValue.valueOf(node.asText());
    }
}
