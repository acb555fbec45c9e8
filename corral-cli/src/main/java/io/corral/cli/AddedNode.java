package io.corral.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A hypothetical node of {@code shardmap plan --add-node ID[:ZONE[:WEIGHT]]}; zone and capacity weight
 * may be null (the server then assumes no zone and weight 1). Node ids containing {@code :} cannot be
 * written this way.
 */
record AddedNode(String id, String zone, Double capacityWeight) {

    /** Picocli's reader of {@code ID[:ZONE[:WEIGHT]]}. */
    static final class Converter implements ITypeConverter<AddedNode> {
        @Override
        public AddedNode convert(String text) {
            String[] parts = text.split(":", -1);
            if (parts.length > 3 || parts[0].isEmpty()) {
                throw new TypeConversionException("'" + text + "' is not ID[:ZONE[:WEIGHT]]");
            }
            String zone = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null;
            Double weight = parts.length > 2 ? weight(text, parts[2]) : null;
            return new AddedNode(parts[0], zone, weight);
        }

        private static double weight(String text, String word) {
            double weight;
            try {
                weight = Double.parseDouble(word);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "': the weight '" + word + "' is not a number");
            }
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new TypeConversionException("'" + text + "': the weight must be a positive number");
            }
            return weight;
        }
    }
}
