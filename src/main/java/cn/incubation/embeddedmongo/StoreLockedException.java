package cn.incubation.embeddedmongo;

import java.nio.file.Path;

/** Another process holds the store file: H2 locks it while open, and two servers on one file would corrupt it. */
public class StoreLockedException extends RuntimeException {

    private final Path file;

    StoreLockedException(Path file, Throwable cause) {
        super("The store " + file + " is in use by another process", cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
