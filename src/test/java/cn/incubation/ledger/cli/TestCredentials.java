package cn.incubation.ledger.cli;

/**
 * Gives the command line of this JVM a password as {@code LEDGER_PASSWORD} would, for tests and benchmarks outside
 * this package, without changing the process's environment.
 */
public final class TestCredentials {

    private TestCredentials() {
    }

    /** From now on the command line reads this password; null: the real environment again. */
    public static void password(String password) {
        Credentials.environment = password == null ? System::getenv
                : name -> name.equals(Credentials.PASSWORD_VARIABLE) ? password : null;
    }
}
