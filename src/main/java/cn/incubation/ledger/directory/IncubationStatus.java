package cn.incubation.ledger.directory;

/** Where an incubation stood on a date; one not yet begun on it is left out of the lists. */
public enum IncubationStatus { IN_INCUBATION, GRADUATED, WITHDRAWN }
