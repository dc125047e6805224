package dev.federator.deploy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the operator was told to watch (QUARKUS_OPERATOR_SDK_NAMESPACES) and so which shipped installs must allow what
 * it does: all namespaces = the kustomize base and the chart's defaults; a listed set = the chart with those
 * watchNamespaces (the base has no such mode of its own).
 */
public record InstallMode(List<String> watchNamespaces) {
    public static final String NAMESPACES_ENV = "QUARKUS_OPERATOR_SDK_NAMESPACES";
    private static final String ALL = "JOSDK_ALL_NAMESPACES";
    private static final Map<List<String>, List<RenderedInstall>> RENDERED = new ConcurrentHashMap<>();

    /** From the environment the operator was started with (absent = the application's default, all namespaces). */
    public static InstallMode fromOperatorEnv(Map<String, String> env) {
        String value = env.getOrDefault(NAMESPACES_ENV, ALL).trim();
        if (value.isEmpty() || value.equals(ALL)) {
            return new InstallMode(List.of());
        }
        return new InstallMode(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).sorted()
                .toList());
    }

    public boolean allNamespaces() { return watchNamespaces.isEmpty(); }

    /** The installs whose RBAC must allow every request, rendered once per mode. */
    public List<RenderedInstall> installs() {
        return RENDERED.computeIfAbsent(watchNamespaces, ns -> ns.isEmpty()
                ? List.of(RenderedInstall.kustomizeBase(), RenderedInstall.helm(List.of()))
                : List.of(RenderedInstall.helm(ns)));
    }

    @Override
    public String toString() { return allNamespaces() ? "all namespaces" : "namespaces " + String.join(",", watchNamespaces); }
}
