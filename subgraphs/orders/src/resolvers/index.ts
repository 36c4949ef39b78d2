import { DateTimeScalar } from '@shopgraph/server';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Cart, CartLine } from './Cart';
import { CheckoutOutOfStock, CheckoutResult, PriceChange } from './CheckoutResult';
import { Email } from './Email';
import { addToCart } from './Mutation/addToCart';
import { cancelOrder } from './Mutation/cancelOrder';
import { checkout } from './Mutation/checkout';
import { clearCart } from './Mutation/clearCart';
import { markDelivered } from './Mutation/markDelivered';
import { markShipped } from './Mutation/markShipped';
import { refundOrder } from './Mutation/refundOrder';
import { removeFromCart } from './Mutation/removeFromCart';
import { setCartItemQuantity } from './Mutation/setCartItemQuantity';
import { Order } from './Order';
import { OrderItem } from './OrderItem';
import { OrderStatusChange } from './OrderStatusChange';
import { OrderStatusEvent } from './OrderStatusEvent';
import { PaymentAttempt } from './PaymentAttempt';
import { cart } from './Query/cart';
import { devMailbox } from './Query/devMailbox';
import { devTextMessages } from './Query/devTextMessages';
import { failedNotifications } from './Query/failedNotifications';
import { failedTextMessages } from './Query/failedTextMessages';
import { order } from './Query/order';
import { orders } from './Query/orders';
import { Review } from './Review';
import { myOrderUpdates } from './Subscription/myOrderUpdates';
import { orderEvents } from './Subscription/orderEvents';
import { orderStatusChanged } from './Subscription/orderStatusChanged';
import { TextMessage } from './TextMessage';
import { User } from './User';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { order, orders, cart, devMailbox, devTextMessages, failedNotifications, failedTextMessages },
  Mutation: { addToCart, setCartItemQuantity, removeFromCart, clearCart, checkout, cancelOrder, markShipped, markDelivered, refundOrder },
  Order,
  OrderItem,
  Subscription: { orderStatusChanged, myOrderUpdates, orderEvents },
  OrderStatusChange,
  OrderStatusEvent,
  PaymentAttempt,
  Cart,
  CartLine,
  CheckoutResult,
  CheckoutOutOfStock,
  PriceChange,
  Email,
  TextMessage,
  Review,
  User,
};
