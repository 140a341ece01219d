global using BatchCalling.Testing;
