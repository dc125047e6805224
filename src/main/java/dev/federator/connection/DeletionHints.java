package dev.federator.connection;

import dev.federator.api.v1alpha1.IdentityConnection;

/** The exact commands that end a deletion the operator cannot finish on its own, for a condition message. */
final class DeletionHints {
    private DeletionHints() {}

    static String howToForce(IdentityConnection connection) {
        String target = "identityconnection " + connection.getMetadata().getName() + " -n "
                + connection.getMetadata().getNamespace();
        return "To finish without deleting it on the vendor, leave it there: kubectl patch " + target
                + " --type merge -p '{\"spec\":{\"deletionPolicy\":\"Orphan\"}}'"
                + " (if the operator is not running: kubectl patch " + target
                + " --type json -p '[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]')";
    }
}
