namespace BatchCalling.Tests; public class T { [Xunit.Fact] public void A() {} }
