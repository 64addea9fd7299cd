package cn.incubation.ledger.security;

import org.springframework.security.crypto.password.PasswordEncoder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A password encoder that remembers, for ten minutes, which password matched which stored hash, so that an API client
 * sending HTTP Basic on every request pays BCrypt's deliberate cost (tens of milliseconds on two cores) once and not
 * on each call. Only matches are remembered, under an HMAC with a key of this process (never the password itself), so
 * a wrong password always costs a full BCrypt check; a changed password has a new hash and is never taken for the old.
 */
final class RememberedPasswords implements PasswordEncoder {

    private static final long REMEMBER_MILLIS = 10 * 60 * 1000;
    private static final int MOST_REMEMBERED = 10_000;

    private final PasswordEncoder delegate;
    private final byte[] key = new byte[32];
    private final Map<String, Long> matched = new ConcurrentHashMap<>();

    RememberedPasswords(PasswordEncoder delegate) {
        this.delegate = delegate;
        new SecureRandom().nextBytes(key);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String remembered = mac(encodedPassword + '\u0000' + rawPassword);
        long now = System.currentTimeMillis();
        Long until = matched.get(remembered);
        if (until != null && until > now) {
            return true;
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            if (matched.size() >= MOST_REMEMBERED) {
                matched.clear();
            }
            matched.put(remembered, now + REMEMBER_MILLIS);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
