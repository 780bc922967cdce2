namespace TradingOps.Web;

/// <summary>Texts of the evaluation area: expert pool, draws and calls, gate and passes, cross-checks (Resources/EvaluationResource*.resx).</summary>
public sealed class EvaluationResource;
