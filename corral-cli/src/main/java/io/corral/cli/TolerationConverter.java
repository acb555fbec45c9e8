package io.corral.cli;

import io.corral.client.Toleration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a toleration written like a Kubernetes taint: {@code KEY=VALUE:EFFECT} tolerates that taint
 * ({@code Equal}), {@code KEY:EFFECT} every taint with that key ({@code Exists}); leaving out
 * {@code :EFFECT} tolerates every effect, and a bare {@code :EFFECT} every key.
 */
final class TolerationConverter implements ITypeConverter<Toleration> {
    @Override
    public Toleration convert(String text) {
        String head = text;
        String effect = null;
        int colon = text.lastIndexOf(':');
        if (colon >= 0) {
            effect = text.substring(colon + 1);
            head = text.substring(0, colon);
            if (effect.isEmpty()) {
                throw new TypeConversionException("'" + text + "': the effect after ':' is empty");
            }
        }
        int equals = head.indexOf('=');
        if (equals < 0) {
            return Toleration.exists(head, effect);
        }
        if (equals == 0) {
            throw new TypeConversionException("'" + text + "': KEY=VALUE needs a key");
        }
        return Toleration.equal(head.substring(0, equals), head.substring(equals + 1), effect);
    }
}
