package dev.federator.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The Fabric8 CRUD dispatcher, with reads of one named object by hash instead of a scan of every stored object.
 *
 * <p>Upstream answers every GET, PATCH and PUT by copying and matching the whole store, so with thousands of objects
 * each request costs milliseconds and a benchmark measures the mock server, not the operator. A real API server looks
 * objects up by key. Here the objects are indexed by plural and name; the candidates are then matched exactly as
 * upstream matches them, so the answers are the same, only found faster. Lists, watches and deletes stay upstream's.
 *
 * <p>The store changes only in {@link #processEvent} (create, update, patch and delete all end there) and
 * {@link #reset}, so keeping the index there keeps it complete.
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
    private static final String PLURAL = KubernetesAttributesExtractor.PLURAL;
    private static final String NAME = KubernetesAttributesExtractor.NAME;

    /** "plural/name" to the keys of the stored objects that have them (several namespaces, groups or versions). */
    private final Map<String, Set<AttributeSet>> byPluralAndName = new HashMap<>();
    /**
     * Upstream's lock is private; its writers hold it while they change the store, and this one besides, so an
     * indexed read never sees an update half done (removed, not yet put back).
     */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    @Override
    public MockResponse handleGet(String path) {
        AttributeSet query = getKey(path);
        String key = indexKey(query);
        if (key == null || path.contains("watch=true")) {
            return super.handleGet(path);
        }
        lock.readLock().lock();
        try {
            Map.Entry<AttributeSet, String> found = lookUp(key, query);
            return found == null ? new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
                    : new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(found.getValue());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Used by upstream's POST, PUT and PATCH handlers, under upstream's write lock. */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        String key = indexKey(attributes);
        return key == null ? super.findResource(attributes) : lookUp(key, attributes);
    }

    private Map.Entry<AttributeSet, String> lookUp(String key, AttributeSet query) {
        for (AttributeSet stored : byPluralAndName.getOrDefault(key, Set.of())) {
            if (stored.matches(query)) {
                String value = map.get(stored);
                if (value != null) {
                    return new AbstractMap.SimpleImmutableEntry<>(stored, value);
                }
            }
        }
        return null;
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
            GenericKubernetesResource resource, String newState) {
        lock.writeLock().lock();
        try {
            super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
            if (oldAttributes != null) {
                unindex(oldAttributes);
            }
            if (newState != null) {
                index(storedKey(pathAttributes, resource, newState));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The key upstream has just stored the new state under, derived the way upstream derives it. Checked against the
     * store: if a Fabric8 upgrade derives it differently, this fails loudly instead of answering 404 to objects
     * that exist.
     */
    private AttributeSet storedKey(AttributeSet pathAttributes, GenericKubernetesResource resource, String newState) {
        var extractor = (KubernetesAttributesExtractor) attributeExtractor;
        AttributeSet key = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
        if (!key.containsKey(PLURAL)) {
            key = AttributeSet.merge(pathAttributes, key);
        }
        if (!map.containsKey(key)) {
            throw new IllegalStateException("the mock API server stored " + key + " under another key; "
                    + "IndexedCrudDispatcher no longer matches the Fabric8 version in use");
        }
        return key;
    }

    private void index(AttributeSet stored) {
        String key = indexKey(stored);
        if (key == null) {
            throw new IllegalStateException("stored object without plural or name: " + stored);
        }
        byPluralAndName.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(stored);
    }

    private void unindex(AttributeSet stored) {
        String key = indexKey(stored);
        Set<AttributeSet> keys = key == null ? null : byPluralAndName.get(key);
        if (keys != null && keys.remove(stored) && keys.isEmpty()) {
            byPluralAndName.remove(key);
        }
    }

    /** "plural/name" when both are plain equality attributes with one value, else null (left to upstream's scan). */
    private static String indexKey(AttributeSet attributes) {
        String plural = single(attributes.getAttribute(PLURAL));
        String name = single(attributes.getAttribute(NAME));
        return plural == null || name == null ? null : plural + "/" + name;
    }

    private static String single(Attribute attribute) {
        return attribute == null || attribute.getType() != AttributeType.WITH || attribute.getValues().size() != 1
                ? null : attribute.getValues().get(0).toString();
    }

    @Override
    public void reset() {
        lock.writeLock().lock();
        try {
            super.reset();
            byPluralAndName.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
