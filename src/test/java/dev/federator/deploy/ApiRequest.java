package dev.federator.deploy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * One request to the Kubernetes API as the RBAC authorizer sees it: the attributes the API server derives from the
 * HTTP method and path (its RequestInfoFactory), so that the audit judges exactly what a real cluster would judge.
 * A request outside /api and /apis is a non-resource request ({@code path} set, the rest empty).
 */
public record ApiRequest(String verb, String apiGroup, String resource, String subresource, String namespace,
                         String name, String path) {
    /** Subresources of a Namespace itself: /api/v1/namespaces/NAME/status is not a resource "status" in NAME. */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    public boolean isResourceRequest() { return path.isEmpty(); }

    /** {@code resource/subresource}, as RBAC rules spell it. */
    public String resourceWithSubresource() { return subresource.isEmpty() ? resource : resource + "/" + subresource; }

    /** Derives the attributes from an HTTP request ({@code target} = path with an optional query). */
    public static ApiRequest of(String method, String target) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        String verb = switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD" -> "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> method.toLowerCase(Locale.ROOT);
        };
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        int start;
        String group;
        if (parts.length >= 2 && parts[0].equals("api")) {
            group = "";
            start = 2;
        } else if (parts.length >= 3 && parts[0].equals("apis")) {
            group = parts[1];
            start = 3;
        } else {
            return new ApiRequest(verb, "", "", "", "", "", path.isEmpty() ? "/" : path);
        }
        if (parts.length == start) { // discovery of one group version
            return new ApiRequest(verb, "", "", "", "", "", path);
        }
        String[] rest = java.util.Arrays.copyOfRange(parts, start, parts.length);
        String namespace = "";
        if (rest[0].equals("namespaces") && rest.length > 1) {
            namespace = rest[1];
            if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.contains(rest[2])) {
                rest = java.util.Arrays.copyOfRange(rest, 2, rest.length);
            }
        }
        String resource = rest[0];
        String name = rest.length >= 2 ? rest[1] : "";
        String subresource = rest.length >= 3 ? rest[2] : "";
        if (name.isEmpty() && verb.equals("get")) {
            verb = queryFlag(query, "watch") ? "watch" : "list";
            // A list or watch of one object by field selector is authorized as that object (resourceNames rules).
            name = exactName(query);
        } else if (name.isEmpty() && verb.equals("delete")) {
            verb = "deletecollection";
        }
        return new ApiRequest(verb, group, resource, subresource, namespace, name, "");
    }

    private static boolean queryFlag(String query, String key) {
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(key)) {
                return kv.length == 1 || kv[1].equalsIgnoreCase("true") || kv[1].equals("1");
            }
        }
        return false;
    }

    private static String exactName(String query) {
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals("fieldSelector") && kv.length == 2) {
                String selector = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
                if (!selector.contains(",")) {
                    for (String op : new String[] {"==", "="}) {
                        String prefix = "metadata.name" + op;
                        if (selector.startsWith(prefix) && !selector.substring(prefix.length()).startsWith("=")) {
                            return selector.substring(prefix.length());
                        }
                    }
                }
            }
        }
        return "";
    }

    @Override
    public String toString() {
        if (!isResourceRequest()) {
            return verb + " " + path;
        }
        return verb + " " + (apiGroup.isEmpty() ? "" : apiGroup + "/") + resourceWithSubresource()
                + (name.isEmpty() ? "" : " " + name) + (namespace.isEmpty() ? " (cluster-wide)" : " in " + namespace);
    }
}
