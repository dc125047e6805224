package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real-cluster profile installs the CRDs over ones that `kubectl apply` put there: its server-side apply must force
 * the conflicts with the "kubectl" field manager, or it fails before any test. No real cluster here: the request is
 * checked on the wire (the mock API server answers 404 to everything).
 */
class RealClusterCrdInstallTest {
    @Test
    void appliesTheCrdsServerSideWithForceUnderItsOwnFieldManager() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            assertThatThrownBy(() -> RealClusterE2EIT.installCrds(client, Path.of("crds")))
                    .isInstanceOf(KubernetesClientException.class);
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(request.getMethod()).isEqualTo("PATCH");
            assertThat(request.getPath()).startsWith("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/")
                    .contains("force=true").contains("fieldManager=" + RealClusterE2EIT.FIELD_MANAGER);
            assertThat(request.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
        } finally {
            server.destroy();
        }
    }
}
