package dev.federator.connection;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.platform.PlatformUsers;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;

/**
 * Tells the platform controllers which connections use a platform, from the connection cache. JOSDK starts this after
 * the connection informer has synced (the controller's own source starts first), so an empty answer means "none".
 */
final class PlatformUsersFeed extends AbstractEventSource<Void, IdentityConnection> {
    private final PlatformUsers users;
    private final PlatformUsers.Lookup lookup;

    PlatformUsersFeed(PlatformUsers users, PlatformUsers.Lookup lookup) {
        super(Void.class, "platform-users-feed");
        this.users = users;
        this.lookup = lookup;
    }

    @Override
    public void start() throws OperatorException {
        users.publish(lookup);
        super.start();
    }

    @Override
    public void stop() throws OperatorException {
        users.publish(null);
        super.stop();
    }

    @Override
    public Set<Void> getSecondaryResources(IdentityConnection primary) { return Set.of(); }
}
