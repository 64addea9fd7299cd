package cn.incubation.ledger.investmenttrail;

/** Where an investment stands: as first recorded, corrected at least once, or retracted (it counts as nothing). */
public enum InvestmentStatus { ACTIVE, CORRECTED, RETRACTED }
