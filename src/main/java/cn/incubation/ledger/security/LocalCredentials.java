package cn.incubation.ledger.security;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials that code in the ledger's own process hands to itself, for a command that works on the data directory
 * and goes through the HTTP API of a ledger it started (a CSV import without {@code --server}): whoever can open the
 * data directory may already do anything with it, so such a principal is an administrator, and its name, which
 * ends in {@code @local} and so names no user, is what the events record as their actor. Nothing over HTTP can make
 * one: the password is random and lives in this process only.
 */
@Component
public class LocalCredentials {

    /** Ends every local principal's name; a username cannot contain it. */
    public static final String SUFFIX = "@local";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PasswordEncoder passwords;
    private final Map<String, String> hashes = new ConcurrentHashMap<>();

    LocalCredentials(PasswordEncoder passwords) {
        this.passwords = passwords;
    }

    /** A principal named {@code who@local} (characters a Basic username cannot carry replaced); its password. */
    public Issued issue(String who) {
        String name = who.replaceAll("[^A-Za-z0-9._-]", "_") + SUFFIX;
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        hashes.put(name, passwords.encode(password));
        return new Issued(name, password);
    }

    /** The name and password of a local principal. */
    public record Issued(String username, String password) {
    }

    Optional<LedgerPrincipal> find(String username) {
        String hash = hashes.get(username);
        return hash == null ? Optional.empty()
                : Optional.of(new LedgerPrincipal(username, hash, Role.ADMIN, List.of(), List.of(), true));
    }
}
