package org.dpface.rigs.virtual.subject;

/** The captured expressions; each non-neutral one is a full-strength expression basis of the model. */
public enum Expression {
  NEUTRAL(null),
  FROWN("frown"),
  YAWN("yawn");

  private final String basisName;

  Expression(String basisName) {
    this.basisName = basisName;
  }

  /** Name of the model's expression basis, or null for neutral. */
  public String basisName() {
    return basisName;
  }

  /**
   * Expression coefficients β for {@code model} (one per expression basis; 1 for this expression's
   * basis, 0 elsewhere). Allocates.
   *
   * @throws IllegalArgumentException if the model lacks this expression's basis
   */
  public double[] coefficients(HeadModel model) {
    double[] beta = new double[model.expressionCount()];
    if (basisName != null) {
      int j = model.expressionIndex(basisName);
      if (j < 0) {
        throw new IllegalArgumentException("model has no expression basis '" + basisName + "'");
      }
      beta[j] = 1;
    }
    return beta;
  }
}
