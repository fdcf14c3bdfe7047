package io.biotrack.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads rendered objects into fabric8's typed Kubernetes model and reports every field the model
 * does not know (fabric8 keeps those in {@code additionalProperties}): a misspelled or misplaced
 * field, which the API server would drop or reject, shows up here without a cluster.
 */
public final class KubernetesModel {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private KubernetesModel() {}

  /** The typed object; a kind fabric8 does not model comes back as a generic resource. */
  public static KubernetesResource typed(JsonNode object) {
    return SERIALIZATION.unmarshal(object.toString());
  }

  /** True when fabric8 models this kind (so {@link #unknownFields} can check it). */
  public static boolean isModelled(JsonNode object) {
    return !(typed(object) instanceof GenericKubernetesResource);
  }

  /** Paths of the fields the typed model does not know, empty when all are known. */
  public static List<String> unknownFields(JsonNode object) {
    List<String> unknown = new ArrayList<>();
    walk(typed(object), Rendered.nameOf(object), unknown, new IdentityHashMap<>());
    return unknown;
  }

  private static void walk(
      Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
    if (value == null || seen.put(value, Boolean.TRUE) != null) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", unknown, seen);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> walk(item, path + "." + key, unknown, seen));
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object field = invoke(getter, value);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
          unknown.add(path + " " + extra.keySet());
        }
      } else {
        walk(field, path + "." + property(getter), unknown, seen);
      }
    }
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      return null; // not a model property
    }
  }

  private static String property(Method getter) {
    String name = getter.getName().substring(3);
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
