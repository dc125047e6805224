package dev.federator.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.spi.DesiredConnection;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The one-field change a vendor's fixture makes for {@link Scenario#UPDATE_ONE_FIELD}.
 *
 * @param field what changes, in the user's words (spec.displayName...)
 * @param change the desired connection with only that field changed
 * @param stored reads the field back from the simulator's stored record, to check the vendor holds the new value
 * @param expected the value {@code stored} must give after the update
 */
public record FieldUpdate(String field, UnaryOperator<DesiredConnection> change, Function<ObjectNode, String> stored,
                          String expected) {}
