package dev.aftersales.cases;

import org.springframework.data.repository.CrudRepository;

/** Compensation coupons by their case's id. */
public interface CouponRepository extends CrudRepository<Coupon, String> {}
