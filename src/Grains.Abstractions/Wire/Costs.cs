namespace BatchCalling.Wire;

/// <summary>How an amount in USD is written on the wire: <c>$12.34</c>.</summary>
public static class Costs
{
    public static string Format(decimal amount) =>
        "$" + Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
