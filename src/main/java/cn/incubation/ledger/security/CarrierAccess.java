package cn.incubation.ledger.security;

/**
 * Whether the signed-in user may record facts of a carrier that a request names in its body (where the request's
 * path says nothing of it); the security module answers. A refusal is thrown as Spring Security's access-denied
 * exception and answered 403 before anything is stored.
 */
public interface CarrierAccess {

    void requireWriteAccess(String incubatorId);
}
