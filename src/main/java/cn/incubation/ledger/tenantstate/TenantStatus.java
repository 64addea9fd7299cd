package cn.incubation.ledger.tenantstate;

/** Where an incubation stood on a date: not yet begun, running, or ended by graduation or withdrawal. */
public enum TenantStatus { NOT_YET_ADMITTED, IN_INCUBATION, GRADUATED, WITHDRAWN }
