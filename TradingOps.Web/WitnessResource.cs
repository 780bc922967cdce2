namespace TradingOps.Web;

/// <summary>Texts of witnessing: the witness log and its chain, incidents and suspension, misconduct, certificates (Resources/WitnessResource*.resx).</summary>
public sealed class WitnessResource;
