package dev.aftersales.caseview;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Masks customer personal data in timeline details for the roles that do not need it
 * (docs/security.md): customer ids, payment and label links, names, phones, addresses. The details
 * hold the requests and answers of external calls, so the keys are found at any depth. The what-if of a
 * decision masks the past inputs it lists the same way.
 */
public final class PersonalData {

  public static final String MASK = "***";

  /** Lower-case keys whose values identify or reach the customer. */
  private static final Set<String> KEYS = Set.of(
      "customerid", "customername", "payurl", "paylink", "labelurl", "phone", "mobile", "email",
      "address", "normalized", "receivername", "receiverphone", "receiveraddress");

  private PersonalData() {}

  public static Map<String, Object> masked(Map<String, Object> details) {
    return details == null ? null : maskMap(details);
  }

  private static Map<String, Object> maskMap(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> {
      String name = String.valueOf(key);
      copy.put(name, value != null && KEYS.contains(name.toLowerCase(Locale.ROOT)) ? MASK : mask(value));
    });
    return copy;
  }

  private static Object mask(Object value) {
    if (value instanceof Map<?, ?> map) {
      return maskMap(map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(mask(item)));
      return copy;
    }
    return value;
  }
}
