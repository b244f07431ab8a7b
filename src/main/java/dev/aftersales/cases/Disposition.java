package dev.aftersales.cases;

/** What the warehouse does with a returned item (decision return-disposition). */
public enum Disposition {
  SELLABLE, SECOND_HAND, SCRAP
}
