package io.reelgraph.common;

/** Reads are open to everyone; every write needs a bearer token with this role (the JWT's {@code groups}). */
public final class Roles {

    public static final String EDITOR = "editor";

    private Roles() {
    }
}
