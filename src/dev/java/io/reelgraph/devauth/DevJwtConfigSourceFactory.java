package io.reelgraph.devauth;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Gives dev mode and tests a key pair for bearer tokens ({@link DevJwtKeys}) unless one is configured: verification
 * for the service, signing for the tests' and {@code /dev/token}'s tokens. The prod profile gets nothing and needs a
 * configured key.
 */
public class DevJwtConfigSourceFactory implements ConfigSourceFactory {

    /** Below application.properties (250): anything a user configures overrides these values. */
    private static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        if (!profiles.contains("dev") && !profiles.contains("test") || isSet(context.getValue("mp.jwt.verify.publickey"))
                || isSet(context.getValue("mp.jwt.verify.publickey.location"))) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(Map.of(
                "mp.jwt.verify.publickey", DevJwtKeys.publicKeyPem(),
                "smallrye.jwt.sign.key", DevJwtKeys.privateKeyPem()), "DevJwtKeys", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
