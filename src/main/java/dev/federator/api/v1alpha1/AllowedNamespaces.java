package dev.federator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** Which namespaces' connections may use a cluster-scoped platform (as Gateway API's allowedRoutes). */
@ValidationRule(value = "self.from != 'Selector' || has(self.selector)",
        message = "selector is required when from is Selector")
public class AllowedNamespaces {
    public enum From { All, Same, Selector }

    @Default("Same")
    @JsonPropertyDescription("All namespaces, Same (only the operator's namespace), or Selector.")
    public From from = From.Same;

    @JsonPropertyDescription("Label selector over namespaces, used when from is Selector.")
    public LabelSelector selector;
}
