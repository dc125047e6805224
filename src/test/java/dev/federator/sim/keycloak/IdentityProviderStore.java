package dev.federator.sim.keycloak;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Realms and their identity providers, in memory. One lock guards everything so that each
 * check-then-write (duplicate alias, rename collision) is atomic; callers only ever get copies.
 */
public final class IdentityProviderStore {

    /** Keycloak lists by alias with the database's ordering: case-sensitive, nulls first. */
    private static final Comparator<ObjectNode> BY_ALIAS = Comparator.comparing(
            (ObjectNode idp) -> IdentityProviderJson.text(idp, "alias"), Comparator.nullsFirst(Comparator.naturalOrder()));

    private static final class Realm {
        final String id = UUID.randomUUID().toString();
        final List<ObjectNode> providers = new ArrayList<>();
    }

    private final Map<String, Realm> realms = new HashMap<>();

    public synchronized void createRealm(String name) {
        realms.putIfAbsent(Objects.requireNonNull(name), new Realm());
    }

    public synchronized Optional<String> realmId(String name) {
        return Optional.ofNullable(realms.get(name)).map(realm -> realm.id);
    }

    public synchronized List<ObjectNode> list(String realm) {
        return realm(realm).providers.stream().sorted(BY_ALIAS).map(ObjectNode::deepCopy).toList();
    }

    public synchronized Optional<ObjectNode> find(String realm, String alias) {
        return locate(realm(realm), alias).map(ObjectNode::deepCopy);
    }

    public synchronized void create(String realm, ObjectNode stored) {
        Realm r = realm(realm);
        String alias = IdentityProviderJson.text(stored, "alias");
        if (locate(r, alias).isPresent()) {
            throw KeycloakError.errorMessage(409, "Identity Provider " + alias + " already exists");
        }
        r.providers.add(stored.deepCopy());
    }

    /**
     * Replaces the provider found under {@code pathAlias} by {@code update(existing)}. A different alias
     * in the result is a rename, which Keycloak 26 performs unless it collides with another provider.
     */
    public synchronized void replace(String realm, String pathAlias, UnaryOperator<ObjectNode> update, boolean rejectRename) {
        Realm r = realm(realm);
        int index = indexOf(r, pathAlias);
        if (index < 0) {
            throw KeycloakError.notFound();
        }
        ObjectNode replacement = update.apply(r.providers.get(index).deepCopy());
        String newAlias = IdentityProviderJson.text(replacement, "alias");
        if (!Objects.equals(newAlias, pathAlias)) {
            if (rejectRename) {
                throw KeycloakError.fieldError(400, "Identity provider alias cannot be changed", "alias");
            }
            if (locate(r, newAlias).isPresent()) {
                throw KeycloakError.errorMessage(409, "Identity Provider " + newAlias + " already exists");
            }
        }
        r.providers.set(index, replacement);
    }

    public synchronized void delete(String realm, String alias) {
        Realm r = realm(realm);
        int index = indexOf(r, alias);
        if (index < 0) {
            throw KeycloakError.notFound();
        }
        r.providers.remove(index);
    }

    /** Inserts or overwrites by alias, skipping every API rule. */
    public synchronized void put(String realm, ObjectNode stored) {
        Realm r = realm(realm);
        int index = indexOf(r, IdentityProviderJson.text(stored, "alias"));
        if (index < 0) {
            r.providers.add(stored.deepCopy());
        } else {
            r.providers.set(index, stored.deepCopy());
        }
    }

    public synchronized boolean edit(String realm, String alias, Consumer<ObjectNode> edit) {
        Optional<ObjectNode> existing = locate(realm(realm), alias);
        existing.ifPresent(edit);
        return existing.isPresent();
    }

    private Realm realm(String name) {
        Realm realm = realms.get(name);
        if (realm == null) {
            throw KeycloakError.realmNotFound();
        }
        return realm;
    }

    private static Optional<ObjectNode> locate(Realm realm, String alias) {
        int index = indexOf(realm, alias);
        return index < 0 ? Optional.empty() : Optional.of(realm.providers.get(index));
    }

    private static int indexOf(Realm realm, String alias) {
        for (int i = 0; i < realm.providers.size(); i++) {
            if (Objects.equals(IdentityProviderJson.text(realm.providers.get(i), "alias"), alias)) {
                return i;
            }
        }
        return -1;
    }
}
