package dev.federator.contract;

import dev.federator.provider.spi.DeleteOutcome;
import dev.federator.provider.spi.Lookup;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.VendorClient;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An adapter's client that notes what the operator asked it to write ("create", "update [paths]", "delete"): the
 * vendor-neutral view of a pass, next to the simulator's call log, which shows the same pass in the vendor's verbs.
 */
final class RecordingClient implements VendorClient {
    private final VendorClient delegate;
    private final List<String> writes = new CopyOnWriteArrayList<>();

    RecordingClient(VendorClient delegate) { this.delegate = delegate; }

    List<String> writes() { return List.copyOf(writes); }

    void reset() { writes.clear(); }

    @Override public void verify() { delegate.verify(); }

    @Override public Rendering render(DesiredConnection desired) { return delegate.render(desired); }

    @Override
    public Optional<RemoteConnection> find(Lookup lookup) { return delegate.find(lookup); }

    @Override public Optional<List<RemoteConnection>> listAll() { return delegate.listAll(); }

    @Override
    public RemoteConnection completeListed(RemoteConnection listed, Rendering rendering) {
        return delegate.completeListed(listed, rendering);
    }

    @Override public boolean refusesDuplicateNames() { return delegate.refusesDuplicateNames(); }

    @Override
    public RemoteConnection create(DesiredConnection desired, Rendering rendering) {
        writes.add("create");
        return delegate.create(desired, rendering);
    }

    @Override
    public RemoteConnection update(RemoteConnection current, DesiredConnection desired, Rendering rendering,
                                   List<String> changedPaths) {
        writes.add("update " + changedPaths.stream().sorted().toList());
        return delegate.update(current, desired, rendering, changedPaths);
    }

    @Override
    public DeleteOutcome delete(RemoteConnection current) {
        writes.add("delete");
        return delegate.delete(current);
    }

    @Override public Optional<String> ownerMarkerPath() { return delegate.ownerMarkerPath(); }

    @Override public void close() { delegate.close(); }
}
