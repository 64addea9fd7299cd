package cn.incubation.ledger.directory;

/** Whether a carrier was open on a date; one not yet opened on it is left out of the lists. */
public enum CarrierStatus { OPEN, CLOSED }
